using System;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>A step's item from <see cref="TreeWalker.NextAsync"/>: a node found, or the failure that concerns a node.</summary>
public readonly struct TreeWalkItem
{
    public TreeWalkItem(string path, DataResult? data, Exception? failure)
    {
        Path = path;
        Data = data;
        Failure = failure;
    }

    public string Path { get; }

    /// <summary>The node's data and stat when the walk reads data (<see cref="TreeWalkOptions.WithData"/>), otherwise null.</summary>
    public DataResult? Data { get; }

    /// <summary>Why the node could not be read or listed; null for a node found.</summary>
    public Exception? Failure { get; }
}
