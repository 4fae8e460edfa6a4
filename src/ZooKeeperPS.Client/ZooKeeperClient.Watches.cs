using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol.Requests;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client;

// Watches that outlive one event (addWatch) and removing watches. One-shot watches come with the reads.
public sealed partial class ZooKeeperClient
{
    private static readonly Version AddWatchVersion = new(3, 6);
    private static readonly Version PersistentWatcherTypesVersion = new(3, 9);

    /// <summary>
    /// A watch that stays registered after it fires. Needs ZooKeeper 3.6: otherwise, or when the server's version
    /// cannot be learnt, fails with <see cref="ServerFeatureException"/>.
    /// </summary>
    public async Task AddWatchAsync(string path, AddWatchMode mode, Action<WatchedEvent> watcher, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        if (watcher is null) throw new ArgumentNullException(nameof(watcher));
        if (mode is not (AddWatchMode.Persistent or AddWatchMode.PersistentRecursive))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown watch mode.");
        await RequireServerAsync("AddWatch", AddWatchVersion, cancellationToken).ConfigureAwait(false);
        await _session.Submit(new AddWatchRequest(path, _chroot, mode, _watches, watcher), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the watcher (or, when null, every watcher) of the given type from the path; each removed watcher gets a
    /// DataWatchRemoved / ChildWatchRemoved / PersistentWatchRemoved event. NoWatcher when there is none.
    /// </summary>
    public async Task RemoveWatchesAsync(string path, WatcherType type, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        if (type < WatcherType.Children || type > WatcherType.PersistentRecursive)
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown watcher type.");
        _session.ThrowIfFinal();
        var kinds = WatchManager.KindsOf(type);
        if (!_watches.Contains(path, kinds, watcher)) throw new ZooKeeperException(ErrorCode.NoWatcher, path);

        // The server holds one watch per path and kind for the session: tell it only when the last local watcher goes.
        var serverType = watcher is null || !_watches.HasOthers(path, kinds, watcher)
            ? await ServerWatcherTypeAsync(path, type, kinds, cancellationToken).ConfigureAwait(false)
            : null;
        if (serverType is not null)
        {
            try
            {
                await _session.Submit(new RemoveWatchesRequest(path, _chroot, serverType.Value), cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException e) when (e.Code == ErrorCode.NoWatcher)
            {
                // The server already dropped it (it fired meanwhile): removing the local registration is all that is left.
            }
        }

        foreach (var (kind, removed) in _watches.Remove(path, kinds, watcher))
        {
            var removedEvent = new WatchedEvent(kind switch
            {
                WatchKind.Child => EventType.ChildWatchRemoved,
                WatchKind.Data or WatchKind.Exist => EventType.DataWatchRemoved,
                _ => EventType.PersistentWatchRemoved,
            }, KeeperState.SyncConnected, path);
            _dispatcher.Enqueue(() => removed(removedEvent));
        }
    }

    /// <summary>
    /// The type to send. Servers before 3.9 know only Children, Data and Any, and there Any also removes persistent
    /// watches; but Any would take the path's other watches with it, so while those remain the server is not told
    /// (null) and its events for the removed watch find no local watcher. An unknown version sends the type as asked
    /// (removeWatches itself is known to every server, so at worst the server rejects the type).
    /// </summary>
    private async Task<WatcherType?> ServerWatcherTypeAsync(string path, WatcherType type, IReadOnlyList<WatchKind> kinds,
        CancellationToken cancellationToken)
    {
        if (type is not (WatcherType.Persistent or WatcherType.PersistentRecursive)) return type;
        var (version, _) = await _session.Features.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version is null || version >= PersistentWatcherTypesVersion) return type;
        var otherKinds = WatchManager.KindsOf(WatcherType.Any).Except(kinds).ToArray();
        return _watches.Contains(path, otherKinds, null) ? null : WatcherType.Any;
    }
}
