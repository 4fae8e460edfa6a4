using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// Expands a -Path with wildcards (*, ?, [abc]; ` escapes) against the live tree, one name at a time, as the
/// FileSystem provider expands paths: /app/* is every child of /app, /grp*/c the node c under every node whose name
/// starts with grp. Names match case-sensitively, as ZooKeeper paths are. A path that names an existing node exactly
/// stands for that node alone: a piped node binds -Path by property name (it has no LiteralPath property), and a node
/// named a* must never stand for its siblings.
/// </summary>
internal static class WildcardPaths
{
    // Listings in flight at once while a level is expanded.
    private const int ListingsInFlight = 500;

    /// <summary>
    /// The nodes <paramref name="path"/> stands for, in walk order; null after <paramref name="onFailure"/> was told
    /// why there are none (no match is an ObjectNotFound error, like a missing node). A path without wildcards is
    /// returned as it is (unescaped) without a request: the request made with it reports a missing node.
    /// </summary>
    public static IReadOnlyList<string>? Resolve(IZkPipelineHost host, ZkSession session, string path, Action<Exception> onFailure)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(path))
        {
            return new[] { WildcardPattern.Unescape(path) };
        }
        IReadOnlyList<string> matches;
        try
        {
            matches = host.Await(() => ExpandAsync(session.Client, path, host.StopToken), session);
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception failure)
        {
            onFailure(failure);
            return null;
        }
        if (matches.Count == 0)
        {
            onFailure(new ZooKeeperException(ErrorCode.NoNode, path, "no node matches this path."));
            return null;
        }
        return matches;
    }

    private static async Task<IReadOnlyList<string>> ExpandAsync(ZooKeeperClient client, string pattern, CancellationToken token)
    {
        if (await client.ExistsAsync(pattern, null, token).ConfigureAwait(false) is not null)
        {
            return new[] { pattern };
        }
        IReadOnlyList<string> matches = new[] { "/" };
        // Names without wildcards are appended endsUnchecked; the nodes they lead to are checked when listed, or at the end.
        var endsUnchecked = false;
        foreach (var name in pattern.Substring(1).Split('/'))
        {
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                matches = await MatchChildrenAsync(client, matches, new WildcardPattern(name, WildcardOptions.None), token).ConfigureAwait(false);
                endsUnchecked = false;
            }
            else
            {
                var literal = WildcardPattern.Unescape(name);
                matches = matches.Select(parent => ZooKeeperPath.Combine(parent, literal)).ToList();
                endsUnchecked = true;
            }
        }
        return endsUnchecked ? await ExistingAsync(client, matches, token).ConfigureAwait(false) : matches;
    }

    private static async Task<IReadOnlyList<string>> MatchChildrenAsync(ZooKeeperClient client, IReadOnlyList<string> parents,
        WildcardPattern pattern, CancellationToken token)
    {
        var matches = new List<string>();
        for (var first = 0; first < parents.Count; first += ListingsInFlight)
        {
            var listings = parents.Skip(first).Take(ListingsInFlight).Select(parent => (parent, ChildrenAsync(client, parent, token))).ToList();
            foreach (var (parent, listing) in listings)
            {
                var children = await listing.ConfigureAwait(false);
                matches.AddRange(children.Where(pattern.IsMatch).OrderBy(child => child, StringComparer.Ordinal)
                    .Select(child => ZooKeeperPath.Combine(parent, child)));
            }
        }
        return matches;
    }

    private static async Task<IReadOnlyList<string>> ExistingAsync(ZooKeeperClient client, IReadOnlyList<string> paths, CancellationToken token)
    {
        var existing = new List<string>();
        for (var first = 0; first < paths.Count; first += ListingsInFlight)
        {
            var checks = paths.Skip(first).Take(ListingsInFlight).Select(path => (path, client.ExistsAsync(path, null, token))).ToList();
            foreach (var (path, check) in checks)
            {
                if (await check.ConfigureAwait(false) is not null)
                {
                    existing.Add(path);
                }
            }
        }
        return existing;
    }

    // A name without wildcards on the way may lead nowhere: that branch simply matches nothing.
    private static async Task<IReadOnlyList<string>> ChildrenAsync(ZooKeeperClient client, string parent, CancellationToken token)
    {
        try
        {
            return (await client.GetChildrenAsync(parent, null, token).ConfigureAwait(false)).Children;
        }
        catch (ZooKeeperException missing) when (missing.Code == ErrorCode.NoNode)
        {
            return Array.Empty<string>();
        }
    }
}
