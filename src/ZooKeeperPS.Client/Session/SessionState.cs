using System;
using System.Threading;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Session;

/// <summary>
/// The session's state and its announcements: each change raises StateChanged and gives every watcher an event of
/// type None (ZooKeeper's rule), in order on the dispatch queue. Closed, Expired and AuthFailed are final.
/// </summary>
internal sealed class SessionState
{
    private readonly WatchManager _watches;
    private readonly SerialDispatcher _dispatcher;
    private readonly Action<ConnectionState, ConnectionState, string?> _raiseStateChanged;
    private int _state = (int)ConnectionState.Connecting;

    public SessionState(WatchManager watches, SerialDispatcher dispatcher, Action<ConnectionState, ConnectionState, string?> raiseStateChanged)
    {
        _watches = watches;
        _dispatcher = dispatcher;
        _raiseStateChanged = raiseStateChanged;
    }

    public ConnectionState Current => (ConnectionState)Volatile.Read(ref _state);

    public bool IsFinal => IsFinalState(Current);

    public bool IsConnected => Current is ConnectionState.Connected or ConnectionState.ConnectedReadOnly;

    /// <summary>Moves to a state that is not final; nothing happens when the session is already in it or has ended.</summary>
    public void Set(ConnectionState state, string? server)
    {
        while (true)
        {
            var old = Volatile.Read(ref _state);
            if (old == (int)state || IsFinalState((ConnectionState)old)) return;
            if (Interlocked.CompareExchange(ref _state, (int)state, old) != old) continue;
            Announce((ConnectionState)old, state, server, clearWatches: false);
            return;
        }
    }

    /// <summary>Moves to a final state, once: false when the session had already ended. Watchers hear it and are dropped.</summary>
    public bool TryEnd(ConnectionState finalState, string? server)
    {
        while (true)
        {
            var old = Volatile.Read(ref _state);
            if (IsFinalState((ConnectionState)old)) return false;
            if (Interlocked.CompareExchange(ref _state, (int)finalState, old) != old) continue;
            Announce((ConnectionState)old, finalState, server, clearWatches: true);
            return true;
        }
    }

    /// <summary>What a call on an ended session fails with; null while the session lives.</summary>
    public Exception? FinalException(string? path) => Current switch
    {
        ConnectionState.Closed => new SessionClosedException(),
        ConnectionState.Expired => new ZooKeeperException(ErrorCode.SessionExpired, path),
        ConnectionState.AuthFailed => new ZooKeeperException(ErrorCode.AuthFailed, path, "the server rejected the credentials; the session is over."),
        _ => null,
    };

    private static bool IsFinalState(ConnectionState state) =>
        state is ConnectionState.Closed or ConnectionState.Expired or ConnectionState.AuthFailed;

    private void Announce(ConnectionState old, ConnectionState state, string? server, bool clearWatches)
    {
        _dispatcher.Enqueue(() => _raiseStateChanged(old, state, server));
        var keeperState = state switch
        {
            ConnectionState.Connected => KeeperState.SyncConnected,
            ConnectionState.ConnectedReadOnly => KeeperState.ConnectedReadOnly,
            ConnectionState.Expired => KeeperState.Expired,
            ConnectionState.AuthFailed => KeeperState.AuthFailed,
            ConnectionState.Closed => KeeperState.Closed,
            _ => KeeperState.Disconnected,
        };
        var stateEvent = new WatchedEvent(EventType.None, keeperState, null);
        foreach (var watcher in _watches.All(clearWatches)) _dispatcher.Enqueue(() => watcher(stateEvent));
    }
}
