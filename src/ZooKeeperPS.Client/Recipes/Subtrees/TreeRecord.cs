using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// What kind of node a record is, as its stat's ephemeralOwner tells. Containers and TTL nodes read as persistent:
/// the server shows clients an ephemeralOwner of 0 for them.
/// </summary>
public enum TreeNodeKind
{
    Persistent,
    Ephemeral,
}

/// <summary>
/// One node of an exported subtree: its path relative to the subtree's root ("/" for the root itself, "/a/b" below
/// it), its bytes (null for a node created with null data, distinct from empty), its ACL and its stat.
/// </summary>
public sealed class TreeRecord
{
    public TreeRecord(string path, byte[]? data, IReadOnlyList<Acl> acl, Stat stat)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Data = data;
        Acl = acl ?? throw new ArgumentNullException(nameof(acl));
        Stat = stat ?? throw new ArgumentNullException(nameof(stat));
    }

    /// <summary>The path below the subtree's root: "/" for the root, "/a/b" for a node two levels down.</summary>
    public string Path { get; }

    /// <summary>The node's bytes; null when it holds null data (not the same as empty).</summary>
    public byte[]? Data { get; }

    public IReadOnlyList<Acl> Acl { get; }

    /// <summary>The stat as it was read; an import keeps no zxid or time (the server assigns its own), only the kind.</summary>
    public Stat Stat { get; }

    public TreeNodeKind Kind => KindOf(Stat.EphemeralOwner);

    /// <summary>The kind of a node from its stat's ephemeralOwner: its session's id, or 0.</summary>
    public static TreeNodeKind KindOf(long ephemeralOwner) =>
        ephemeralOwner == 0 ? TreeNodeKind.Persistent : TreeNodeKind.Ephemeral;

    /// <summary>The absolute path of a relative record path below <paramref name="root"/>.</summary>
    public static string Under(string root, string relativePath) =>
        relativePath == "/" ? root : root == "/" ? relativePath : root + relativePath;

    /// <summary>The path of <paramref name="path"/> relative to <paramref name="root"/> ("/" for the root itself).</summary>
    public static string RelativeTo(string root, string path) =>
        path == root ? "/" : root == "/" ? path : path.Substring(root.Length);

    /// <summary>Whether the data (bytes and null-ness) of two records are the same.</summary>
    public static bool SameData(byte[]? left, byte[]? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }
        if (left.Length != right.Length)
        {
            return false;
        }
        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether two ACLs hold the same entries (ZooKeeper keeps them in the order they were set; order is not meaning).</summary>
    public static bool SameAcl(IReadOnlyList<Acl> left, IReadOnlyList<Acl> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }
        var remaining = new List<Acl>(right);
        foreach (var entry in left)
        {
            if (!remaining.Remove(entry))
            {
                return false;
            }
        }
        return true;
    }
}
