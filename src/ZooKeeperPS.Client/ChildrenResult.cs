using System.Collections.Generic;

namespace ZooKeeperPS.Client;

/// <summary>A node's children (bare names) and the node's own stat.</summary>
public sealed class ChildrenResult
{
    public ChildrenResult(IReadOnlyList<string> children, Stat stat)
    {
        Children = children;
        Stat = stat;
    }

    public IReadOnlyList<string> Children { get; }

    public Stat Stat { get; }
}
