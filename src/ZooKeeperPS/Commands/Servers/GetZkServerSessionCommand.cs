using System.Collections.Generic;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// The sessions that own ephemeral nodes, with their paths, from the dump four-letter word (or the AdminServer's dump
/// command when the whitelist refuses it), for forensics (whose ephemeral is this?). Every member holds the whole
/// tree, so the first member that answers is enough; errors are written only when none does.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkServerSession", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(ZkServerSession))]
public sealed class GetZkServerSessionCommand : ZkServerSourceCmdlet
{
    private protected override void ProcessMembers(IReadOnlyList<ServerMember> members, IConnectionTransport transport)
    {
        var answers = AskEach(members, transport, "dump", "dump", SessionEphemerals.ParseDump, SessionEphemerals.FromDumpCommand);
        foreach (var (answer, _) in answers)
        {
            if (answer is null) continue;
            foreach (var session in answer)
            {
                WriteObject(new ZkServerSession(session));
            }
            return;
        }
        for (var i = 0; i < members.Count; i++)
        {
            WriteError(ZkErrors.FromException(answers[i].Failure!, members[i].Address.ToString()));
        }
    }
}
