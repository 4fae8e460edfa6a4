using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Gives entries taken with Receive-ZkQueueItem -Locking back to the queue (kazoo's LockingQueue.release).</summary>
[Cmdlet(VerbsCommon.Unlock, "ZkQueueItem", SupportsShouldProcess = true)]
public sealed class UnlockZkQueueItemCommand : ZkCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public ZkQueueItem[] Item { get; set; } = null!;

    protected override void ProcessRecord()
    {
        foreach (var item in Item)
        {
            if (!QueueItemLock.CheckLocked(this, item) || !ShouldProcess($"{item.Path} {item.Name}", "Give the taken entry back to the queue"))
            {
                continue;
            }
            QueueItemLock.Finish(this, item, ZooKeeperLockingQueue.ReleaseAsync(item.Session.Client, item.Entry, StopToken));
        }
    }
}
