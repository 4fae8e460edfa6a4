namespace ZooKeeperPS.Client.Recipes;

/// <summary>How a node differs between a reference tree and a difference tree, in the words of Compare-Object.</summary>
public enum TreeDifferenceKind
{
    /// <summary>Only in the difference tree.</summary>
    Added,

    /// <summary>Only in the reference tree.</summary>
    Removed,

    /// <summary>In both, with other bytes (or null on one side only).</summary>
    DataChanged,

    /// <summary>In both, with other ACL entries.</summary>
    AclChanged,
}

/// <summary>One difference that a <see cref="TreeComparer"/> found: the node's relative path and both sides' records.</summary>
public sealed class TreeDifference
{
    public TreeDifference(string path, TreeDifferenceKind kind, TreeRecord? reference, TreeRecord? difference)
    {
        Path = path;
        Kind = kind;
        Reference = reference;
        Difference = difference;
    }

    /// <summary>The path below both roots ("/" for the roots themselves).</summary>
    public string Path { get; }

    public TreeDifferenceKind Kind { get; }

    /// <summary>The node in the reference tree; null when <see cref="TreeDifferenceKind.Added"/>.</summary>
    public TreeRecord? Reference { get; }

    /// <summary>The node in the difference tree; null when <see cref="TreeDifferenceKind.Removed"/>.</summary>
    public TreeRecord? Difference { get; }
}
