using System;
using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>Leaves a double barrier entered with Enter-ZkBarrier and waits until every member has left.</summary>
[Cmdlet(VerbsCommon.Exit, "ZkBarrier")]
public sealed class ExitZkBarrierCommand : ZkCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public ZkBarrierMember[] Member { get; set; } = null!;

    /// <summary>How long to wait for the others to leave; by default for ever. A TimeSpan or a number of seconds.</summary>
    [Parameter]
    [SecondsArgumentTransformation]
    public TimeSpan? Timeout { get; set; }

    protected override void ProcessRecord()
    {
        if (Timeout is { } limit && limit < TimeSpan.Zero)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument("-Timeout must not be negative.", "InvalidTimeout", Timeout));
        }
        foreach (var member in Member)
        {
            var leave = member.Engine.LeaveAsync(Timeout, StopToken);
            WaitFor(leave, member.Session);
            if (leave.IsFaulted || leave.IsCanceled)
            {
                WriteFailure(leave.Exception ?? (Exception)new OperationCanceledException(), member.Path);
            }
            else if (!leave.Result)
            {
                WriteError(new ErrorRecord(new TimeoutException($"Not every member left the barrier {member.Path} within {Timeout}."),
                    "ZooKeeper.BarrierTimeout", ErrorCategory.OperationTimeout, member.Path));
            }
        }
    }
}
