using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Lists the contenders for a lock (kazoo's Lock.contenders()), in queue order, with who holds it.</summary>
[Cmdlet(VerbsCommon.Get, "ZkLock")]
[OutputType(typeof(ZkLockContender))]
public sealed class GetZkLockCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>List the lease holders of a semaphore (kazoo's lease_holders()) instead of a lock's contenders.</summary>
    [Parameter]
    public SwitchParameter Semaphore { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        if (Semaphore)
        {
            WriteLeaseHolders(session);
            return;
        }
        var listing = LockContender.ListAsync(session.Client, Path, StopToken);
        WaitFor(listing, session);
        if (listing.IsFaulted)
        {
            WriteFailure(listing.Exception!, Path);
            return;
        }
        var position = 0;
        foreach (var contender in listing.Result)
        {
            WriteObject(new ZkLockContender(session, Path, ++position, contender.Name, contender.Kind == LockKind.Shared,
                contender.Identifier, contender.IsHolder));
        }
    }

    private void WriteLeaseHolders(ZkSession session)
    {
        var listing = ZooKeeperSemaphore.LeaseHoldersAsync(session.Client, Path, StopToken);
        WaitFor(listing, session);
        if (listing.IsFaulted)
        {
            WriteFailure(listing.Exception!, Path);
            return;
        }
        var position = 0;
        foreach (var (name, identifier) in listing.Result)
        {
            WriteObject(new ZkLockContender(session, Path, ++position, name, false, identifier, true));
        }
    }
}
