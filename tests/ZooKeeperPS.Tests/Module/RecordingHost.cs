using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Module;

/// <summary>
/// A pipeline host that is no cmdlet: it records what a command would write (errors through the module's mapping,
/// progress, the connection log) so that tests can drive the module's pipeline helpers on the test thread.
/// </summary>
internal class RecordingHost : IZkPipelineHost
{
    private readonly CancellationTokenSource _stopping = new();

    public List<ErrorRecord> Errors { get; } = new();

    public List<ProgressRecord> Progress { get; } = new();

    public List<string> Verbose { get; } = new();

    /// <summary>Every task the helpers waited for that had not completed yet, in order.</summary>
    public List<Task> Waited { get; } = new();

    /// <summary>When set, a wait for a task that has not completed stops the pipeline instead (as Ctrl+C would).</summary>
    public bool StopInsteadOfWaiting { get; set; }

    public CancellationToken StopToken => _stopping.Token;

    public void Stop() => _stopping.Cancel();

    public void WaitFor(Task task, ZkSession? session)
    {
        if (!task.IsCompleted)
        {
            Waited.Add(task);
            if (StopInsteadOfWaiting)
            {
                throw new PipelineStoppedException();
            }
            // Fails the test instead of hanging it.
            var deadline = Stopwatch.StartNew();
            PipelineWait.For(task, StopToken, () =>
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("The helper waited over 30 s.");
            });
        }
        while (session is not null && session.Log.TryTake(out var message))
        {
            Verbose.Add(message);
        }
    }

    public virtual void WriteFailure(Exception failure, object? target)
    {
        if (ZkErrors.Unwrap(failure) is OperationCanceledException && StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        var record = ZkErrors.ForFailedItem(failure, target, AdviceFor, out var terminating);
        if (terminating)
        {
            throw new HostTerminatedException(record);
        }
        Errors.Add(record);
    }

    public void WriteProgress(ProgressRecord progressRecord) => Progress.Add(progressRecord);

    protected virtual ErrorAdvice? AdviceFor(ZooKeeperException failure) => null;
}

/// <summary>What a cmdlet's ThrowTerminatingError would end the command with.</summary>
internal sealed class HostTerminatedException : Exception
{
    public HostTerminatedException(ErrorRecord record)
        : base(record.ToString())
    {
        Record = record;
    }

    public ErrorRecord Record { get; }
}
