using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Sends a four-letter word to every member and writes each answer: the text, or for mntr an ordered dictionary of
/// its figures (numbers as numbers); each carries a Server note property. A member that cannot be reached is a
/// non-terminating error.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ZkFourLetterWord", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(string), typeof(OrderedDictionary))]
public sealed class InvokeZkFourLetterWordCommand : ZkServerCmdlet
{
    private static readonly string[] KnownWords =
    {
        "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash", "isro", "mntr", "ruok", "srst", "srvr", "stat", "wchc", "wchp", "wchs",
    };

    /// <summary>The word: ruok, srvr, stat, mntr, conf, cons, dump, envi, wchs, isro, ...</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ConnectionStringSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionSet)]
    [ValidatePattern("^[a-z]{4}$")]
    [ArgumentCompleter(typeof(FourLetterWordCompleter))]
    public string Word { get; set; } = "";

    private protected override void ProcessMembers(IReadOnlyList<ServerMember> members, IConnectionTransport transport)
    {
        var words = new FourLetterWordClient(transport);
        var answers = members.Select(m => ClientCall.Start(() => words.SendAsync(m.Address, Word, Timeout, StopToken))).ToList();
        WaitFor(Task.WhenAll(answers));
        for (var i = 0; i < members.Count; i++)
        {
            var server = members[i].Address.ToString();
            if (answers[i].Status != TaskStatus.RanToCompletion)
            {
                WriteError(ZkErrors.FromException(ClientCall.FailureOf(answers[i]), server));
                continue;
            }
            var answer = PSObject.AsPSObject(Word == "mntr" && !answers[i].Result.Contains("not executed") ? Figures(answers[i].Result) : answers[i].Result);
            answer.Properties.Add(new PSNoteProperty("Server", server));
            WriteObject(answer);
        }
    }

    /// <summary>mntr's "zk_name&lt;tab&gt;value" lines, in order, with whole and decimal numbers as numbers.</summary>
    private static OrderedDictionary Figures(string text)
    {
        var figures = new OrderedDictionary(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var value = line.Substring(tab + 1).Trim();
            figures[line.Substring(0, tab)] =
                long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole
                : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? real
                : value;
        }
        return figures;
    }

    /// <summary>Completes -Word with the words ZooKeeper knows.</summary>
    public sealed class FourLetterWordCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
            KnownWords.Where(w => w.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
                .Select(w => new CompletionResult(w, w, CompletionResultType.ParameterValue, w));
    }
}
