using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>How a call ended within its limit: whether it finished, how long it took, and its error if it failed.</summary>
internal sealed class Outcome
{
    public Outcome(Task task, bool completed, TimeSpan elapsed)
    {
        Task = task;
        Completed = completed;
        Elapsed = elapsed;
    }

    public Task Task { get; }

    public bool Completed { get; }

    public TimeSpan Elapsed { get; }

    public Exception? Error => Task.IsCanceled ? new OperationCanceledException() : Task.Exception?.GetBaseException();

    /// <summary>"was still waiting after 5.0 s", "succeeded after 0.01 s", "failed after 0.01 s with …" (messages cut at 300 characters).</summary>
    public override string ToString() =>
        !Completed ? $"was still waiting after {Elapsed.TotalSeconds:0.0} s"
        : Error is null ? $"succeeded after {Elapsed.TotalSeconds:0.00} s"
        : $"failed after {Elapsed.TotalSeconds:0.00} s with {Error.GetType().Name}: {Shorten(Error.Message)}";

    private static string Shorten(string text) => text.Length <= 300 ? text : text.Substring(0, 300) + "…";
}

internal static class Bounded
{
    /// <summary>Starts the call and waits for it at most <paramref name="limit"/>; never throws (a hang is an outcome).</summary>
    public static async Task<Outcome> RunAsync(Func<Task> call, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        Task task;
        try
        {
            task = call();
        }
        catch (Exception e)
        {
            task = Task.FromException(e);
        }

        var completed = await Task.WhenAny(task, Task.Delay(limit)).ConfigureAwait(false) == task;
        var elapsed = watch.Elapsed;
        // A call abandoned here must not count as an unobserved exception of the client when it fails later.
        _ = task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        return new Outcome(task, completed, elapsed);
    }

    /// <summary>Polls until the condition holds or the limit passes; returns whether it held.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit) return false;
            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }
}

/// <summary>
/// Counts TaskScheduler.UnobservedTaskException while alive. Finalizers run before it starts (so earlier garbage is
/// not counted) and when collecting, since a faulted task reports only when the collector finalizes it.
/// </summary>
internal sealed class UnobservedExceptionRecorder : IDisposable
{
    private readonly List<Exception> _seen = new();

    public UnobservedExceptionRecorder()
    {
        Settle();
        TaskScheduler.UnobservedTaskException += OnUnobserved;
    }

    public IReadOnlyList<Exception> Collect()
    {
        Settle();
        lock (_seen) return _seen.ToArray();
    }

    public static string Describe(IEnumerable<Exception> exceptions) =>
        string.Join("; ", exceptions.GroupBy(e => $"{e.GetType().Name}: {e.Message}").Select(g => $"{g.Count()} × {g.Key}"));

    public void Dispose() => TaskScheduler.UnobservedTaskException -= OnUnobserved;

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        lock (_seen) _seen.AddRange(e.Exception.InnerExceptions);
    }

    private static void Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(10);
        }
    }
}
