using System;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>What a <see cref="TreeWalker"/> walks and returns.</summary>
public sealed class TreeWalkOptions
{
    /// <summary>How many levels below the root's children to descend: 0 returns the children only; the default, the whole subtree.</summary>
    public int MaxDepth { get; set; } = int.MaxValue;

    /// <summary>Return each node with its data and stat (getChildren is then sent only for nodes whose stat says they have children).</summary>
    public bool WithData { get; set; }

    /// <summary>Which nodes to return, by name; the walk still descends into the others. Null returns every node.</summary>
    public Func<string, bool>? Include { get; set; }
}
