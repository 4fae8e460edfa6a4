using System;
using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Lists the identities the server holds for a session (whoAmI, ZooKeeper 3.7 and later): the ids its ACL checks are
/// made against, such as ip:127.0.0.1 and digest:alice.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkIdentity")]
[OutputType(typeof(ZkIdentity))]
public sealed class GetZkIdentityCommand : ZkSessionCmdlet
{
    private protected override void ProcessRecord(ZkSession session)
    {
        try
        {
            foreach (var identity in this.Await(() => session.Client.WhoAmIAsync(StopToken), session))
            {
                WriteObject(new ZkIdentity(identity.AuthScheme, identity.User, session));
            }
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception failure)
        {
            WriteFailure(failure, session);
        }
    }
}
