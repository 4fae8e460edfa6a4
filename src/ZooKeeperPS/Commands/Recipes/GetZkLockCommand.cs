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

    private protected override void ProcessRecord(ZkSession session)
    {
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
            WriteObject(new ZkLockContender(session, Path, contender, ++position));
        }
    }
}
