using System;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Waits until a barrier (kazoo's Barrier: a node that holds waiters back while it exists) is removed.</summary>
[Cmdlet(VerbsLifecycle.Wait, "ZkBarrier")]
public sealed class WaitZkBarrierCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>How long to wait; by default for ever. A TimeSpan or a number of seconds.</summary>
    [Parameter]
    [SecondsArgumentTransformation]
    public TimeSpan? Timeout { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        if (Timeout is { } limit && limit < TimeSpan.Zero)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument("-Timeout must not be negative.", "InvalidTimeout", Timeout));
        }
        WriteVerbose($"Waiting until the barrier {Path} is removed.");
        var wait = ZooKeeperBarrier.WaitAsync(session.Client, Path, Timeout, StopToken);
        WaitFor(wait, session);
        if (wait.IsFaulted || wait.IsCanceled)
        {
            WriteFailure(wait.Exception ?? (Exception)new OperationCanceledException(), Path);
            return;
        }
        if (!wait.Result)
        {
            WriteError(new ErrorRecord(new TimeoutException($"The barrier {Path} was not removed within {Timeout}."),
                "ZooKeeper.BarrierTimeout", ErrorCategory.OperationTimeout, Path));
        }
    }
}
