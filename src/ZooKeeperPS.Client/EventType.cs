namespace ZooKeeperPS.Client;

/// <summary>What a watch event reports; None is a connection state change.</summary>
public enum EventType
{
    None = -1,
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
    DataWatchRemoved = 5,
    ChildWatchRemoved = 6,
    PersistentWatchRemoved = 7,
}
