using System;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// A watch notification as it reaches the PowerShell event queue: the SourceEventArgs of the events that
/// Register-ZkWatch subscribes to.
/// </summary>
public sealed class ZkWatchEvent : EventArgs
{
    internal ZkWatchEvent(WatchedEvent watched, ZkSession session)
    {
        Path = watched.Path;
        EventType = watched.Type;
        State = watched.State;
        Session = session;
    }

    /// <summary>The node the event is about; null for connection state events.</summary>
    public string? Path { get; }

    /// <summary>What happened: NodeCreated, NodeDeleted, NodeDataChanged, NodeChildrenChanged, or None for a state change.</summary>
    public EventType EventType { get; }

    /// <summary>The connection state when the event was delivered (SyncConnected, Disconnected, Expired, ...).</summary>
    public KeeperState State { get; }

    public ZkSession Session { get; }

    public override string ToString() => $"{EventType} {Path}";
}
