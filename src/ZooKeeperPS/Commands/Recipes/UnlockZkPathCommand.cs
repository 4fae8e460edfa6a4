using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>Releases locks from Lock-ZkPath and waits until their nodes are gone (or their sessions ended).</summary>
[Cmdlet(VerbsCommon.Unlock, "ZkPath", SupportsShouldProcess = true)]
public sealed class UnlockZkPathCommand : ZkCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public ZkLock[] Lock { get; set; } = null!;

    protected override void ProcessRecord()
    {
        foreach (var zkLock in Lock)
        {
            if (!ShouldProcess(zkLock.Path, "Release the lock"))
            {
                continue;
            }
            var wasLost = zkLock.IsLost;
            WaitFor(zkLock.Engine.ReleaseAsync(StopToken), zkLock.Session);
            if (wasLost)
            {
                WriteError(LockCmdlet.LockLost(zkLock));
            }
        }
    }
}
