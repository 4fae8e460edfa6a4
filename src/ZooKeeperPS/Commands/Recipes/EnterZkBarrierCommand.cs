using System;
using System.Diagnostics;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Enters a double barrier (kazoo's DoubleBarrier) and waits until -Count members have entered.</summary>
[Cmdlet(VerbsCommon.Enter, "ZkBarrier")]
[OutputType(typeof(ZkBarrierMember))]
public sealed class EnterZkBarrierCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>How many members must enter before any goes on (kazoo's num_clients); every member gives the same.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    /// <summary>The member node's data; by default machine-pid, as kazoo's default.</summary>
    [Parameter]
    [ValidateNotNull]
    public string? Identifier { get; set; }

    /// <summary>How long to wait for the others; by default for ever. A TimeSpan or a number of seconds.</summary>
    [Parameter]
    [SecondsArgumentTransformation]
    public TimeSpan? Timeout { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        if (Timeout is { } limit && limit < TimeSpan.Zero)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument("-Timeout must not be negative.", "InvalidTimeout", Timeout));
        }
        var identifier = Identifier ?? $"{Environment.MachineName}-{Process.GetCurrentProcess().Id}";
        var barrier = new ZooKeeperDoubleBarrier(session.Client, Path, Count, identifier);
        WriteVerbose($"Entering {Path} as {barrier.Name}; waiting for {Count} members.");
        var enter = barrier.EnterAsync(Timeout, StopToken);
        WaitFor(enter, session);
        if (enter.IsFaulted || enter.IsCanceled)
        {
            WriteFailure(enter.Exception ?? (Exception)new OperationCanceledException(), Path);
            return;
        }
        if (!enter.Result)
        {
            WriteError(new ErrorRecord(new TimeoutException($"Fewer than {Count} members entered the barrier {Path} within {Timeout}."),
                "ZooKeeper.BarrierTimeout", ErrorCategory.OperationTimeout, Path));
            return;
        }
        WriteObject(new ZkBarrierMember(session, barrier));
    }
}
