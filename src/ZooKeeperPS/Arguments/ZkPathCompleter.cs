using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>Tab completion of -Path: the children of the typed parent, read from the live session.</summary>
public sealed class ZkPathCompleter : IArgumentCompleter
{
    // Completion must never hang the prompt on a slow or lost connection.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var session = Unwrap(fakeBoundParameters["Session"]) as ZkSession ?? RunspaceSessions.Current.Default;
        var word = (wordToComplete ?? "").Trim('\'', '"');
        if (session is null || (word.Length > 0 && word[0] != '/'))
        {
            return Array.Empty<CompletionResult>();
        }
        if (word.Length == 0)
        {
            word = "/";
        }
        var slash = word.LastIndexOf('/');
        var parent = slash == 0 ? "/" : word.Substring(0, slash);
        var prefix = word.Substring(slash + 1);
        try
        {
            var children = session.Client.GetChildrenAsync(parent);
            if (!children.Wait(Timeout))
            {
                return Array.Empty<CompletionResult>();
            }
            return children.Result.Children
                .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(name => name, StringComparer.Ordinal)
                .Select(name => Result(ZooKeeperPath.Combine(parent, name), name))
                .ToList();
        }
        catch (Exception)
        {
            // No completions is the right answer for a missing parent, a bad path or a lost connection.
            return Array.Empty<CompletionResult>();
        }
    }

    private static CompletionResult Result(string path, string name)
    {
        var text = path.IndexOfAny(new[] { ' ', '\'', '$', '`', '(', ')', '{', '}', ';', ',', '&', '#', '@', '"' }) >= 0
            ? "'" + path.Replace("'", "''") + "'"
            : path;
        return new CompletionResult(text, name, CompletionResultType.ParameterValue, path);
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
