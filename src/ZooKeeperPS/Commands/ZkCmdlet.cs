using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// What every ZooKeeperPS cmdlet shares: Ctrl+C handling (a token cancelled in a sealed StopProcessing), waiting on
/// client tasks from the pipeline thread (so every Write* call stays on that thread), the one error mapping, and
/// the connection diagnostics for -Verbose.
/// </summary>
public abstract class ZkCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the user presses Ctrl+C; passed to every client call.</summary>
    internal CancellationToken StopToken => _stopping.Token;

    // Sealed so that no cmdlet can break Ctrl+C.
    protected sealed override void StopProcessing() => _stopping.Cancel();

    /// <summary>
    /// Blocks the pipeline thread until the task completes (successfully or not), writing the session's connection
    /// messages meanwhile. Ctrl+C ends the wait at once; the request itself completes later without harm.
    /// </summary>
    internal void WaitFor(Task task, ZkSession? session = null)
    {
        if (!task.IsCompleted)
        {
            // A continuation that never faults, so the wait below only ever ends by completion or cancellation.
            var completed = task.ContinueWith(static _ => { }, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                while (!completed.Wait(250, StopToken))
                {
                    WriteConnectionLog(session);
                }
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }
        WriteConnectionLog(session);
    }

    /// <summary>Waits for the task and returns its result, or throws its (unwrapped) failure.</summary>
    internal T Await<T>(Task<T> task, ZkSession? session = null)
    {
        WaitFor(task, session);
        if (task.IsFaulted)
        {
            throw ZkErrors.Unwrap(task.Exception!);
        }
        if (task.IsCanceled)
        {
            throw new PipelineStoppedException();
        }
        return task.Result;
    }

    /// <summary>Starts a client call, turning a synchronous throw (bad path, closed session) into a failed task.</summary>
    internal static Task<T> Start<T>(Func<Task<T>> call)
    {
        try
        {
            return call();
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    internal static Task Start(Func<Task> call)
    {
        try
        {
            return call();
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    /// <summary>
    /// Reports a failed request: non-terminating for the item, terminating when the session itself is gone.
    /// A cancelled request means Ctrl+C and stops the pipeline.
    /// </summary>
    internal void WriteFailure(Exception exception, object? target)
    {
        exception = ZkErrors.Unwrap(exception);
        if (exception is OperationCanceledException && StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        var record = exception is ZooKeeperException { Code: ErrorCode.ConnectionLoss } lost
            ? ZkErrors.RequestLost(lost, target)
            : ZkErrors.FromException(exception, target);
        if (ZkErrors.IsSessionFailure(exception))
        {
            ThrowTerminatingError(record);
        }
        WriteError(record);
    }

    internal void WriteFailure(Task failed, object? target)
    {
        if (failed.IsCanceled)
        {
            throw new PipelineStoppedException();
        }
        WriteFailure(failed.Exception!, target);
    }

    internal void WriteConnectionLog(ZkSession? session)
    {
        if (session is null)
        {
            return;
        }
        while (session.Log.TryTake(out var message))
        {
            WriteVerbose(message);
        }
    }

    /// <summary>
    /// ShouldProcess for cmdlets with -Force: -Force skips the confirmation prompt, but never -WhatIf and never an
    /// explicit -Confirm.
    /// </summary>
    internal bool ShouldProcessUnlessForced(string target, string action, bool force)
    {
        if (force && !IsWhatIf() && !IsSwitchBound("Confirm"))
        {
            WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
            return true;
        }
        return ShouldProcess(target, action);
    }

    private bool IsWhatIf() =>
        MyInvocation.BoundParameters.ContainsKey("WhatIf")
            ? IsSwitchBound("WhatIf")
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private bool IsSwitchBound(string name) =>
        MyInvocation.BoundParameters.TryGetValue(name, out var value) && LanguagePrimitives.IsTrue(value);

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
