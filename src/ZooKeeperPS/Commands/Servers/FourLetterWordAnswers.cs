using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>A four-letter word asked of every member at once: each answer, or why there is none (a refusal by the whitelist too).</summary>
internal static class FourLetterWordAnswers
{
    public static List<(string? Text, Exception? Failure)> Ask(ZkServerCmdlet cmdlet, IReadOnlyList<ServerMember> members,
        IConnectionTransport transport, string word)
    {
        var words = new FourLetterWordClient(transport);
        var asks = members.Select(m => ClientCall.Start(() => words.SendAsync(m.Address, word, cmdlet.Timeout, cmdlet.StopToken))).ToList();
        cmdlet.WaitFor(Task.WhenAll(asks));
        var answers = new List<(string?, Exception?)>();
        for (var i = 0; i < members.Count; i++)
        {
            var failure = asks[i].Status == TaskStatus.RanToCompletion ? NotAllowed(members[i], word, asks[i].Result) : ClientCall.FailureOf(asks[i]);
            answers.Add(failure is null ? (asks[i].Result, null) : (null, failure));
        }
        return answers;
    }

    private static Exception? NotAllowed(ServerMember member, string word, string answer) =>
        answer.Contains("is not executed because it is not in the whitelist")
            ? new InvalidOperationException($"{member.Address} does not allow '{word}': add it to the server's 4lw.commands.whitelist.")
            : null;
}
