namespace ZooKeeperPS.Client.Watches;

/// <summary>The client's registries of watches: one-shot data / exist / child, and the two persistent kinds.</summary>
internal enum WatchKind
{
    Data,
    Exist,
    Child,
    Persistent,
    PersistentRecursive,
}
