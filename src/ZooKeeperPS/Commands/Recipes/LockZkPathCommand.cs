using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>Acquires a lock and returns it, for holds longer than one script block; Unlock-ZkPath (or Dispose) releases it.</summary>
[Cmdlet(VerbsCommon.Lock, "ZkPath", SupportsShouldProcess = true)]
[OutputType(typeof(ZkLock))]
public sealed class LockZkPathCommand : LockCmdlet
{
    private protected override void ProcessRecord(ZkSession session)
    {
        if (!ShouldProcess(Path, "Acquire the lock"))
        {
            return;
        }
        if (Acquire(session) is { } zkLock)
        {
            WriteObject(zkLock);
        }
    }
}
