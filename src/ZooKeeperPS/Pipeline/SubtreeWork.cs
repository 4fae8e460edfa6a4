using System;
using System.Collections.Generic;
using System.Management.Automation;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.Commands;

namespace ZooKeeperPS;

/// <summary>What the subtree cmdlets share: -Exclude patterns, per-node failures, and the end of a run that lost its session.</summary>
internal static class SubtreeWork
{
    /// <summary>A node is left out when a pattern matches its name or its path below the root ("/a/b").</summary>
    public static Func<string, bool>? Exclusion(string[]? patterns)
    {
        if (patterns is null || patterns.Length == 0)
        {
            return null;
        }
        var wildcards = Array.ConvertAll(patterns, pattern => new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
        return relative =>
        {
            var name = relative == "/" ? "/" : relative.Substring(relative.LastIndexOf('/') + 1);
            return Array.Exists(wildcards, wildcard => wildcard.IsMatch(name) || wildcard.IsMatch(relative));
        };
    }

    /// <summary>Writes each failure as the error of its node.</summary>
    public static void WriteFailures(IZkPipelineHost host, IEnumerable<NodeFailure> failures)
    {
        foreach (var failure in failures)
        {
            host.WriteFailure(failure.Exception, failure.Path);
        }
    }

    /// <summary>
    /// Whether a failure ends the run (a lost connection, a closed session, a conflict under -Conflict Fail) rather
    /// than one node: the engines throw these instead of failing node after node.
    /// </summary>
    public static bool EndsTheRun(Exception failure) =>
        failure is ZooKeeperException or SessionClosedException;

    /// <summary>Ends the cmdlet with the failure that ended the run, and how to finish the job.</summary>
    public static void Terminate(ZkCmdlet cmdlet, Exception failure, object? target, string? rerunAdvice)
    {
        var record = ZkErrors.FromException(failure, target);
        if (rerunAdvice is not null && failure is not ZooKeeperException { Code: ErrorCode.NodeExists })
        {
            record.ErrorDetails = new ErrorDetails($"{failure.Message} {rerunAdvice}") { RecommendedAction = rerunAdvice };
        }
        cmdlet.ThrowTerminatingError(record);
    }

    /// <summary>A file path of the file system provider, resolved against the current location (it may not exist yet).</summary>
    public static string FilePath(PSCmdlet cmdlet, string path) => cmdlet.GetUnresolvedProviderPathFromPSPath(path);
}
