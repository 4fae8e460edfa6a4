using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace ZooKeeperPS.Commands;

/// <summary>What Complete-ZkQueueItem and Unlock-ZkQueueItem share: the checks and errors about a taken entry's lock.</summary>
internal static class QueueItemLock
{
    /// <summary>False, after an error, for an entry that was not taken from a locking queue.</summary>
    public static bool CheckLocked(ZkCmdlet cmdlet, ZkQueueItem item)
    {
        if (item.IsLocked)
        {
            return true;
        }
        cmdlet.WriteError(ZkErrors.InvalidArgument($"The entry {item.Name} of {item.Path} was not taken with Receive-ZkQueueItem -Locking: it holds no lock.",
            "QueueItemNotLocked", item));
        return false;
    }

    /// <summary>Waits for the consume or release; false (the lock is not this consumer's any more) is the error ZooKeeper.QueueLockLost.</summary>
    public static void Finish(ZkCmdlet cmdlet, ZkQueueItem item, Task<bool> change)
    {
        cmdlet.WaitFor(change, item.Session);
        if (change.IsFaulted || change.IsCanceled)
        {
            cmdlet.WriteFailure(change.Exception ?? (Exception)new OperationCanceledException(), item.Path);
        }
        else if (!change.Result)
        {
            cmdlet.WriteError(new ErrorRecord(
                new InvalidOperationException($"The lock on the entry {item.Name} of {item.Path} is gone (its session ended, or it was released): another consumer may take it."),
                "ZooKeeper.QueueLockLost", ErrorCategory.ResourceUnavailable, item));
        }
    }
}
