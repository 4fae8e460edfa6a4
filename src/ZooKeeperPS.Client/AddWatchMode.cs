namespace ZooKeeperPS.Client;

/// <summary>Kinds of watches that stay registered after they fire (addWatch, ZooKeeper 3.6+).</summary>
public enum AddWatchMode
{
    /// <summary>The node itself: created, deleted, data changed, children changed.</summary>
    Persistent = 0,

    /// <summary>The node and every node below it: created, deleted, data changed (never children changed).</summary>
    PersistentRecursive = 1,
}
