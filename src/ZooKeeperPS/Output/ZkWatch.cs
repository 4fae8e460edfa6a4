using System;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>How a <see cref="ZkWatch"/> watches its node.</summary>
public enum ZkWatchMode
{
    /// <summary>Keeps firing until removed: a persistent watch on the node (data, existence and children).</summary>
    Persistent,

    /// <summary>Keeps firing until removed, for every node in the subtree: a persistent recursive watch.</summary>
    Recursive,

    /// <summary>ZooKeeper's classic one-shot watch: fires once, then the server forgets it.</summary>
    Once,
}

/// <summary>
/// The source object of the events Register-ZkWatch subscribes to. The client calls the watcher on its dispatch
/// thread; raising <see cref="Changed"/> there only hands the event to PowerShell's event queue, which delivers it
/// on the pipeline thread (Wait-Event, Get-Event, -Action).
/// </summary>
public sealed class ZkWatch
{
    private readonly Action<WatchedEvent> _watcher;
    private int _stopped;
    private bool _rearmed;

    internal ZkWatch(ZkSession session, string path, ZkWatchMode mode, bool childrenOnly)
    {
        Session = session;
        Path = path;
        Mode = mode;
        ChildrenOnly = childrenOnly;
        _watcher = OnWatchedEvent;
    }

    public ZkSession Session { get; }

    public string Path { get; }

    public ZkWatchMode Mode { get; }

    /// <summary>Only changes to the node's list of children (and its deletion) are reported.</summary>
    public bool ChildrenOnly { get; }

    /// <summary>Raised for each watch event (on the client's dispatch thread; PowerShell queues it).</summary>
    public event EventHandler<ZkWatchEvent>? Changed;

    /// <summary>Registers the watch on the server. A server older than 3.6 has no persistent watches: one-shot watches re-armed after each event stand in.</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Mode == ZkWatchMode.Once)
        {
            await ArmOneShotAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            var mode = Mode == ZkWatchMode.Recursive ? AddWatchMode.PersistentRecursive : AddWatchMode.Persistent;
            await Session.Client.AddWatchAsync(Path, mode, _watcher, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException) when (Mode == ZkWatchMode.Persistent)
        {
            _rearmed = true;
            await ArmOneShotAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the watch from the server (Unregister-Event); best effort, never throws.</summary>
    internal void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        var type = Mode switch
        {
            ZkWatchMode.Recursive => WatcherType.PersistentRecursive,
            ZkWatchMode.Persistent when !_rearmed => WatcherType.Persistent,
            _ => ChildrenOnly ? WatcherType.Children : WatcherType.Data,
        };
        try
        {
            // A one-shot watch that already fired is gone (NoWatcher); a closed session has no watches left.
            _ = Session.Client.RemoveWatchesAsync(Path, type, _watcher).ContinueWith(
                static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
        catch (Exception)
        {
            // The session is closed: the server has dropped the watch already.
        }
    }

    private Task ArmOneShotAsync(CancellationToken cancellationToken) =>
        ChildrenOnly
            ? Session.Client.GetChildrenAsync(Path, _watcher, cancellationToken)
            : Session.Client.ExistsAsync(Path, _watcher, cancellationToken);

    private void OnWatchedEvent(WatchedEvent watched)
    {
        if (Volatile.Read(ref _stopped) == 1 || !IsReported(watched))
        {
            return;
        }
        Changed?.Invoke(this, new ZkWatchEvent(watched, Session));
        if (_rearmed && watched.Type != EventType.None)
        {
            // Fire and forget on the dispatch thread (allowed: callbacks may call the client). A failure here, such
            // as a child watch on a deleted node, simply ends the watch.
            _ = ArmOneShotAsync(CancellationToken.None).ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
    }

    private bool IsReported(WatchedEvent watched) => watched.Type switch
    {
        // Connection state changes are only news for a watch when the session (and with it the watch) is gone.
        EventType.None => watched.State is KeeperState.Expired or KeeperState.Closed,
        EventType.NodeChildrenChanged or EventType.NodeDeleted => true,
        _ => !ChildrenOnly,
    };
}
