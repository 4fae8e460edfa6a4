using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Protected creates, as Curator's protection mode names them: the node's name starts with "_c_", a new GUID and "-"
/// (<c>/jobs/_c_8f0c…-job-0000000007</c>), so that after a create whose reply was lost the client finds the node it
/// made by that GUID among the parent's children instead of guessing. The name still ends with what the caller
/// asked for and the sequence number, so kazoo's lock (which picks contenders by "__lock__" and ten digits at the end
/// of the name and orders them by that number) and Curator's recipes recognise and order these nodes as their own.
/// </summary>
public static class ProtectedCreate
{
    /// <summary>The prefix that marks a protected name.</summary>
    public const string Marker = "_c_";

    /// <summary><paramref name="path"/> with the protection prefix of <paramref name="id"/> before its last name.</summary>
    public static string ProtectPath(string path, Guid id)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var slash = path.LastIndexOf('/');
        if (slash < 0) throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        return path.Substring(0, slash + 1) + PrefixOf(id) + path.Substring(slash + 1);
    }

    /// <summary>The start of every name protected by <paramref name="id"/>: "_c_", the GUID with dashes, "-".</summary>
    public static string PrefixOf(Guid id) => Marker + id.ToString("D") + "-";

    /// <summary>
    /// Looks for the node that a protected create of <paramref name="protectedPath"/> (the path from
    /// <see cref="ProtectPath"/>, before any sequence number) made: the parent's child whose name starts with the
    /// protected name. Null when there is none, which proves that the create did not happen (or not yet, if it is
    /// still in flight on a connection that is not yet known to be gone).
    /// </summary>
    public static async Task<CreateResult?> FindAsync(ZooKeeperClient client, string protectedPath, CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        var parent = ZooKeeperPath.GetParent(protectedPath);
        var name = ZooKeeperPath.GetName(protectedPath);
        IReadOnlyList<string> children;
        try
        {
            children = (await client.GetChildrenAsync(parent, null, cancellationToken).ConfigureAwait(false)).Children;
        }
        catch (ZooKeeperException missing) when (missing.Code == ErrorCode.NoNode)
        {
            return null;
        }
        foreach (var child in children)
        {
            if (!child.StartsWith(name, StringComparison.Ordinal)) continue;
            var path = ZooKeeperPath.Combine(parent, child);
            var stat = await client.ExistsAsync(path, null, cancellationToken).ConfigureAwait(false);
            if (stat is not null) return new CreateResult(path, stat);
        }
        return null;
    }
}
