using System;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// What every ZooKeeperPS cmdlet shares: Ctrl+C handling (a token cancelled in a sealed StopProcessing), waiting on
/// client tasks from the pipeline thread (so every Write* call stays on that thread), the one error mapping with the
/// cmdlet's own advice, and the connection diagnostics for -Verbose. It is the <see cref="IZkPipelineHost"/> of the
/// shared pipeline helpers.
/// </summary>
public abstract class ZkCmdlet : PSCmdlet, IZkPipelineHost, IDisposable
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
            PipelineWait.For(task, StopToken, () => WriteConnectionLog(session));
        }
        WriteConnectionLog(session);
    }

    /// <summary>
    /// Reports a failed item: non-terminating, or terminating when the session itself is gone; the cmdlet's own
    /// advice (<see cref="AdviceFor"/>) goes into the error's details. A cancellation after Ctrl+C stops the pipeline.
    /// </summary>
    internal void WriteFailure(Exception exception, object? target)
    {
        if (ZkErrors.Unwrap(exception) is OperationCanceledException && StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        var record = ZkErrors.ForFailedItem(exception, target, Advise, out var terminating);
        if (ZkTransaction.Current is not null && InTransaction == InTransaction.Queued)
        {
            // An operation that cannot be queued spoils the whole transaction: nothing of it is sent.
            record.ErrorDetails = new ErrorDetails($"{record.ErrorDetails?.Message ?? exception.Message} Nothing of the transaction was sent.");
            ThrowTerminatingError(record);
        }
        if (terminating)
        {
            ThrowTerminatingError(record);
        }
        WriteError(record);
    }

    /// <summary>
    /// What the cmdlet does inside Invoke-ZkTransaction's script block: by default a cmdlet that changes things
    /// (SupportsShouldProcess) is refused and one that reads runs now; the cmdlets that queue their operation say so.
    /// </summary>
    internal virtual InTransaction InTransaction =>
        GetType().GetCustomAttribute<CmdletAttribute>()?.SupportsShouldProcess == true ? InTransaction.Refused : InTransaction.RunsNow;

    /// <summary>
    /// What this cmdlet can add to a ZooKeeper error that its parameters explain (such as "Add -Recurse" where
    /// -Recurse was not given); null for nothing.
    /// </summary>
    internal virtual ErrorAdvice? AdviceFor(ZooKeeperException failure) => null;

    // A denial says which operation of this cmdlet was refused, unless the cmdlet has more specific advice.
    private ErrorAdvice? Advise(ZooKeeperException failure) =>
        AdviceFor(failure) ?? DeniedAdvice.For(MyInvocation.MyCommand.Name, failure);

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
        if (IsForcedPastConfirmation(force))
        {
            WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
            return true;
        }
        return ShouldProcess(target, action);
    }

    /// <summary>Whether <see cref="ShouldProcessUnlessForced"/> goes ahead without asking: -Force without -WhatIf or -Confirm.</summary>
    internal bool IsForcedPastConfirmation(bool force) => force && !IsWhatIf() && !IsSwitchBound("Confirm");

    /// <summary>
    /// Whether ShouldProcess will show its message for an action of this impact (-WhatIf, or a confirmation prompt),
    /// so that a message that costs requests to write, such as a count of nodes, is only worked out for a reader.
    /// </summary>
    internal bool ShouldProcessShowsMessage(ConfirmImpact impact)
    {
        if (IsWhatIf())
        {
            return true;
        }
        if (MyInvocation.BoundParameters.ContainsKey("Confirm"))
        {
            return IsSwitchBound("Confirm");
        }
        var preference = LanguagePrimitives.TryConvertTo(GetVariableValue("ConfirmPreference"), out ConfirmImpact value) ? value : ConfirmImpact.High;
        return preference != ConfirmImpact.None && impact >= preference;
    }

    private bool IsWhatIf() =>
        MyInvocation.BoundParameters.ContainsKey("WhatIf")
            ? IsSwitchBound("WhatIf")
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private bool IsSwitchBound(string name) =>
        MyInvocation.BoundParameters.TryGetValue(name, out var value) && LanguagePrimitives.IsTrue(value);

    CancellationToken IZkPipelineHost.StopToken => StopToken;

    void IZkPipelineHost.WaitFor(Task task, ZkSession? session) => WaitFor(task, session);

    void IZkPipelineHost.WriteFailure(Exception failure, object? target) => WriteFailure(failure, target);

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
