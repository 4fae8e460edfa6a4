using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// The client connections of every member (cons), one object per connection with its session. The connection that
/// asks has no session yet and is left out. A member that cannot be asked is a non-terminating error.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkConnection", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(ZkConnection))]
public sealed class GetZkConnectionCommand : ZkServerCmdlet
{
    private protected override void ProcessMembers(IReadOnlyList<ServerMember> members, IConnectionTransport transport)
    {
        var answers = FourLetterWordAnswers.Ask(this, members, transport, "cons");
        for (var i = 0; i < members.Count; i++)
        {
            if (answers[i].Failure is { } failure)
            {
                WriteError(ZkErrors.FromException(failure, members[i].Address.ToString()));
                continue;
            }
            var answer = answers[i].Text!;
            foreach (var connection in ClientConnection.ParseCons(members[i].Address, answer).Where(c => c.SessionId is not null))
            {
                WriteObject(new ZkConnection(connection));
            }
        }
    }
}

/// <summary>A four-letter word asked of every member at once: each answer, or why there is none (a refusal by the whitelist too).</summary>
internal static class FourLetterWordAnswers
{
    public static List<(string? Text, System.Exception? Failure)> Ask(ZkServerCmdlet cmdlet, IReadOnlyList<ServerMember> members,
        IConnectionTransport transport, string word)
    {
        var words = new FourLetterWordClient(transport);
        var asks = members.Select(m => ClientCall.Start(() => words.SendAsync(m.Address, word, cmdlet.Timeout, cmdlet.StopToken))).ToList();
        cmdlet.WaitFor(Task.WhenAll(asks));
        var answers = new List<(string?, System.Exception?)>();
        for (var i = 0; i < members.Count; i++)
        {
            var failure = asks[i].Status == TaskStatus.RanToCompletion ? NotAllowed(members[i], word, asks[i].Result) : ClientCall.FailureOf(asks[i]);
            answers.Add(failure is null ? (asks[i].Result, null) : (null, failure));
        }
        return answers;
    }

    private static System.Exception? NotAllowed(ServerMember member, string word, string answer) =>
        answer.Contains("is not executed because it is not in the whitelist")
            ? new System.InvalidOperationException($"{member.Address} does not allow '{word}': add it to the server's 4lw.commands.whitelist.")
            : null;
}
