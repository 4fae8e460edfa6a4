using System.Collections.Generic;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// The sessions that own ephemeral nodes, with their paths, from the dump four-letter word, for forensics (whose
/// ephemeral is this?). Every member holds the whole tree, so the first member that answers is enough; errors are
/// written only when none does.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkServerSession", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(ZkServerSession))]
public sealed class GetZkServerSessionCommand : ZkServerCmdlet
{
    private protected override void ProcessMembers(IReadOnlyList<ServerMember> members, IConnectionTransport transport)
    {
        var answers = FourLetterWordAnswers.Ask(this, members, transport, "dump");
        for (var i = 0; i < members.Count; i++)
        {
            if (answers[i].Text is not { } answer) continue;
            foreach (var session in SessionEphemerals.ParseDump(members[i].Address, answer))
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
