namespace ZooKeeperPS.Client;

/// <summary>A watch notification, or a connection state change (Type None, Path null).</summary>
public sealed class WatchedEvent
{
    public WatchedEvent(EventType type, KeeperState state, string? path)
    {
        Type = type;
        State = state;
        Path = path;
    }

    public EventType Type { get; }

    public KeeperState State { get; }

    /// <summary>The node's path, chroot stripped; null for state changes.</summary>
    public string? Path { get; }

    public override string ToString() => $"{Type} {State} {Path}";
}
