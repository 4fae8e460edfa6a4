using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>What <see cref="NodeReader"/> reads of each node.</summary>
public enum NodeReadKind
{
    /// <summary>The node's data and stat (getData).</summary>
    Data,

    /// <summary>The names of the node's children (getChildren).</summary>
    Children,
}

/// <summary>One node's outcome of a <see cref="NodeReader"/> call: its data or its children, or the failure that concerns it.</summary>
public readonly struct NodeRead
{
    public NodeRead(string path, DataResult? data, IReadOnlyList<string>? children, Exception? failure)
    {
        Path = path;
        Data = data;
        Children = children;
        Failure = failure;
    }

    public string Path { get; }

    /// <summary>The data and stat, for a <see cref="NodeReadKind.Data"/> read that succeeded.</summary>
    public DataResult? Data { get; }

    /// <summary>The children's names (in the server's order), for a <see cref="NodeReadKind.Children"/> read that succeeded.</summary>
    public IReadOnlyList<string>? Children { get; }

    /// <summary>Why the node could not be read (a <see cref="ZooKeeperException"/> such as NoNode, or the request's own failure); null on success.</summary>
    public Exception? Failure { get; }
}
