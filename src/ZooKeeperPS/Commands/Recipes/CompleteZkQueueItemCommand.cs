using System;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Removes entries taken with Receive-ZkQueueItem -Locking for good (kazoo's LockingQueue.consume).</summary>
[Cmdlet(VerbsLifecycle.Complete, "ZkQueueItem", SupportsShouldProcess = true)]
public sealed class CompleteZkQueueItemCommand : ZkCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public ZkQueueItem[] Item { get; set; } = null!;

    protected override void ProcessRecord()
    {
        foreach (var item in Item)
        {
            if (!QueueItemLock.CheckLocked(this, item) || !ShouldProcess($"{item.Path} {item.Name}", "Remove the taken entry from the queue"))
            {
                continue;
            }
            QueueItemLock.Finish(this, item, ZooKeeperLockingQueue.ConsumeAsync(item.Session.Client, item.Entry, StopToken));
        }
    }
}
