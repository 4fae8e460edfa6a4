namespace ZooKeeperPS.Client;

/// <summary>Which watches <see cref="ZooKeeperClient.RemoveWatchesAsync"/> removes.</summary>
public enum WatcherType
{
    Children = 1,
    Data = 2,
    Any = 3,
    Persistent = 4,
    PersistentRecursive = 5,
}
