using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>Connects clients for tests with short timeouts and the client's log in the test output.</summary>
internal static class TestClient
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static Task<ZooKeeperClient> ConnectAsync(string connectionString, ITestOutputHelper? output = null,
        Action<ZooKeeperClientOptions>? configure = null)
    {
        var options = new ZooKeeperClientOptions
        {
            ConnectionString = connectionString,
            SessionTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        if (output != null) options.Log = message => Log(output, message);
        configure?.Invoke(options);
        return ConnectAsync(options);
    }

    public static async Task<ZooKeeperClient> ConnectAsync(ZooKeeperClientOptions options) =>
        await ZooKeeperClient.ConnectAsync(options).WithDeadline();

    private static void Log(ITestOutputHelper output, string message)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; late diagnostics have nowhere to go.
        }
    }

    /// <summary>Fails the test instead of hanging when a task does not finish in time.</summary>
    public static async Task<T> WithDeadline<T>(this Task<T> task, TimeSpan? deadline = null)
    {
        await ((Task)task).WithDeadline(deadline);
        return await task;
    }

    public static async Task WithDeadline(this Task task, TimeSpan? deadline = null)
    {
        var limit = deadline ?? Deadline;
        if (await Task.WhenAny(task, Task.Delay(limit)) != task)
            throw new TimeoutException($"The operation did not finish within {limit.TotalSeconds} s.");
        await task;
    }

    /// <summary>Polls until the condition holds, failing the test after the deadline (<see cref="Deadline"/> by default).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? deadline = null)
    {
        var limit = deadline ?? Deadline;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"The condition did not come true within {limit.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan? deadline = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), deadline);

    /// <summary>Waits for an item from a collection fed by callbacks, failing after the deadline.</summary>
    public static T Next<T>(this BlockingCollection<T> events, TimeSpan? deadline = null)
    {
        if (!events.TryTake(out var item, deadline ?? TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"No {typeof(T).Name} arrived in time.");
        return item;
    }

    /// <summary>The next node event, skipping the state events (type None) that reconnects give every watcher.</summary>
    public static WatchedEvent NextNodeEvent(BlockingCollection<WatchedEvent> events)
    {
        while (true)
        {
            var e = events.Next();
            if (e.Type != EventType.None) return e;
        }
    }
}
