using System;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>A failure that concerns one node of a recipe's work, such as a node that <see cref="RecursiveDeleter"/> may not delete.</summary>
public readonly struct NodeFailure
{
    public NodeFailure(string path, Exception exception)
    {
        Path = path;
        Exception = exception;
    }

    public string Path { get; }

    public Exception Exception { get; }
}
