using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// The client connections of every member (cons, or the AdminServer's connections command when the whitelist refuses
/// cons), one object per connection with its session. The connection that asks has no session yet and is left out.
/// A member that cannot be asked is a non-terminating error.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkConnection", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(ZkConnection))]
public sealed class GetZkConnectionCommand : ZkServerSourceCmdlet
{
    private protected override void ProcessMembers(IReadOnlyList<ServerMember> members, IConnectionTransport transport)
    {
        var answers = AskEach(members, transport, "cons", "connections", ClientConnection.ParseCons, ClientConnection.FromConnectionsCommand);
        for (var i = 0; i < members.Count; i++)
        {
            if (answers[i].Failure is { } failure)
            {
                WriteError(ZkErrors.FromException(failure, members[i].Address.ToString()));
                continue;
            }
            foreach (var connection in answers[i].Answer!.Where(c => c.SessionId is not null))
            {
                WriteObject(new ZkConnection(connection));
            }
        }
    }
}
