using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;
using ZooKeeperPS.Client.Protocol.Requests;
using ZooKeeperPS.Client.Session;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client;

/// <summary>
/// A ZooKeeper session. Calls may be issued concurrently without awaiting (they are pipelined and complete in
/// request order); watch callbacks and <see cref="StateChanged"/> run one at a time on a dispatch queue of their own.
/// </summary>
public sealed class ZooKeeperClient : IDisposable
{
    private readonly ClientSession _session;
    private readonly Chroot _chroot;
    private readonly WatchManager _watches = new();
    private readonly SerialDispatcher _dispatcher;
    private readonly int _maxDataLength;

    private ZooKeeperClient(ZooKeeperClientOptions options, ConnectionString connectionString)
    {
        ConnectionString = options.ConnectionString;
        Chroot = connectionString.Chroot;
        _chroot = new Chroot(connectionString.Chroot);
        _maxDataLength = options.MaxDataLength;
        var log = options.Log ?? (_ => { });
        _dispatcher = new SerialDispatcher(log);
        _session = new ClientSession(options, connectionString, _chroot, _watches, _dispatcher,
            (oldState, newState, server) => StateChanged?.Invoke(this, new ConnectionStateChangedEventArgs(oldState, newState, server)));
    }

    /// <summary>
    /// Opens a session. Throws ZooKeeperException(ConnectionLoss) naming the servers when none answers within
    /// ConnectTimeout, ArgumentException for a malformed connection string, ZooKeeperException(AuthFailed) for bad credentials.
    /// </summary>
    public static async Task<ZooKeeperClient> ConnectAsync(ZooKeeperClientOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (options.SessionTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "SessionTimeout must be positive.");
        if (options.ConnectTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "ConnectTimeout must be positive.");
        if (options.MaxDataLength < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxDataLength must not be negative.");
        if (options.MaxFrameLength < 1024) throw new ArgumentOutOfRangeException(nameof(options), "MaxFrameLength must be at least 1024.");
        var client = new ZooKeeperClient(options, Connection.ConnectionString.Parse(options.ConnectionString));
        await client._session.StartAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        return client;
    }

    public long SessionId => _session.SessionId;

    /// <summary>The session's password (a copy); with <see cref="SessionId"/> it lets another client resume the session.</summary>
    public byte[] SessionPassword => _session.Password;

    public TimeSpan NegotiatedSessionTimeout => _session.NegotiatedTimeout;

    public ConnectionState State => _session.State;

    /// <summary>The connection string as given.</summary>
    public string ConnectionString { get; }

    /// <summary>The chroot of the connection string, or null when there is none.</summary>
    public string? Chroot { get; }

    /// <summary>"host:port" of the current connection; null while disconnected.</summary>
    public string? ConnectedServer => _session.ConnectedServer;

    /// <summary>The highest zxid seen in replies (sent on reconnect so the client never goes back in time).</summary>
    public long LastZxid => _session.LastZxid;

    /// <summary>Raised on the dispatch queue (never on the receive loop), in order with watch callbacks.</summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>The connected server's version from its <c>srvr</c> answer, or null when it does not say.</summary>
    public Task<Version?> GetServerVersionAsync() => _session.GetServerVersionAsync();

    public Task<CreateResult> CreateAsync(string path, byte[]? data, CreateMode mode = CreateMode.Persistent,
        IReadOnlyList<Acl>? acl = null, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        Arguments.Mode(mode);
        ZooKeeperPath.Validate(path, mode.IsSequential());
        Arguments.Data(data, _maxDataLength);
        var ttlMilliseconds = Arguments.Ttl(mode, ttl);
        var checkedAcl = Arguments.Acl(acl);
        return _session.Submit(new CreateRequest(path, _chroot, data, checkedAcl, mode, ttlMilliseconds), cancellationToken);
    }

    public Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        Arguments.Version(version);
        return _session.Submit(new DeleteRequest(path, _chroot, version), cancellationToken);
    }

    /// <summary>The node's stat, or null when it does not exist. A watcher is set either way (data or existence watch).</summary>
    public Task<Stat?> ExistsAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        return _session.Submit(new ExistsRequest(path, _chroot, _watches, watcher), cancellationToken);
    }

    public Task<DataResult> GetDataAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        return _session.Submit(new GetDataRequest(path, _chroot, _watches, watcher), cancellationToken);
    }

    public Task<Stat> SetDataAsync(string path, byte[]? data, int version = -1, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        Arguments.Data(data, _maxDataLength);
        Arguments.Version(version);
        return _session.Submit(new SetDataRequest(path, _chroot, data, version), cancellationToken);
    }

    public Task<ChildrenResult> GetChildrenAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        return _session.Submit(new GetChildrenRequest(path, _chroot, _watches, watcher), cancellationToken);
    }

    public Task<AclResult> GetAclAsync(string path, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        return _session.Submit(new GetAclRequest(path, _chroot), cancellationToken);
    }

    public Task<Stat> SetAclAsync(string path, IReadOnlyList<Acl> acl, int version = -1, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        if (acl is null) throw new ArgumentNullException(nameof(acl));
        var checkedAcl = Arguments.Acl(acl);
        Arguments.Version(version);
        return _session.Submit(new SetAclRequest(path, _chroot, checkedAcl, version), cancellationToken);
    }

    /// <summary>Waits until the connected server has caught up with the leader for this path.</summary>
    public Task SyncAsync(string path, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        return _session.Submit(new SyncRequest(path, _chroot), cancellationToken);
    }

    /// <summary>
    /// Applies create / delete / setData / check operations all together or not at all. On failure throws
    /// <see cref="MultiOperationException"/> with the failing operation's index and every operation's result.
    /// </summary>
    public Task<IReadOnlyList<OpResult>> MultiAsync(IEnumerable<Op> ops, CancellationToken cancellationToken = default)
    {
        var list = CheckOps(ops, read: false);
        if (list.Count == 0) return Task.FromResult<IReadOnlyList<OpResult>>(Array.Empty<OpResult>());
        return _session.Submit(new MultiRequest(list, _chroot, isRead: false), cancellationToken);
    }

    /// <summary>Reads several nodes in one round trip (Op.GetData / Op.GetChildren); each result stands alone. Needs ZooKeeper 3.6.</summary>
    public async Task<IReadOnlyList<OpResult>> MultiReadAsync(IEnumerable<Op> ops, CancellationToken cancellationToken = default)
    {
        var list = CheckOps(ops, read: true);
        await RequireServerAsync(3, 6, "MultiRead").ConfigureAwait(false);
        if (list.Count == 0) return Array.Empty<OpResult>();
        return await _session.Submit(new MultiRequest(list, _chroot, isRead: true), cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlyList<Op> CheckOps(IEnumerable<Op> ops, bool read)
    {
        if (ops is null) throw new ArgumentNullException(nameof(ops));
        var list = ops.ToList();
        foreach (var op in list)
        {
            if (op is null) throw new ArgumentException("The operations must not contain null.", nameof(ops));
            var isRead = op is GetDataOp or GetChildrenOp;
            if (isRead != read)
                throw new ArgumentException(read
                    ? $"MultiRead takes only Op.GetData and Op.GetChildren, not '{op}'."
                    : $"Multi takes only create, delete, setData and check operations, not '{op}'.", nameof(ops));
            if (op is CreateOp create) Arguments.Data(create.Data, _maxDataLength);
            if (op is SetDataOp setData) Arguments.Data(setData.Data, _maxDataLength);
        }

        return list;
    }

    /// <summary>A watch that stays registered after it fires. Needs ZooKeeper 3.6.</summary>
    public async Task AddWatchAsync(string path, AddWatchMode mode, Action<WatchedEvent> watcher, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        if (watcher is null) throw new ArgumentNullException(nameof(watcher));
        if (mode is not (AddWatchMode.Persistent or AddWatchMode.PersistentRecursive))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown watch mode.");
        await RequireServerAsync(3, 6, "AddWatch").ConfigureAwait(false);
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
            ? await ServerWatcherTypeAsync(path, type, kinds).ConfigureAwait(false)
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
    /// (null) and its events for the removed watch find no local watcher.
    /// </summary>
    private async Task<WatcherType?> ServerWatcherTypeAsync(string path, WatcherType type, IReadOnlyList<WatchKind> kinds)
    {
        if (type is not (WatcherType.Persistent or WatcherType.PersistentRecursive)) return type;
        var version = await _session.GetServerVersionAsync().ConfigureAwait(false);
        if (version is null || version >= new Version(3, 9)) return type;
        var otherKinds = WatchManager.KindsOf(WatcherType.Any).Except(kinds).ToArray();
        return _watches.Contains(path, otherKinds, null) ? null : WatcherType.Any;
    }

    /// <summary>The paths of this session's ephemeral nodes that start with the prefix (a plain string prefix). Needs ZooKeeper 3.6.</summary>
    public async Task<IReadOnlyList<string>> GetEphemeralsAsync(string prefixPath = "/", CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(prefixPath) || prefixPath[0] != '/')
            throw new ArgumentException($"The prefix '{prefixPath}' must start with '/'.", nameof(prefixPath));
        await RequireServerAsync(3, 6, "GetEphemerals").ConfigureAwait(false);
        return await _session.Submit(new GetEphemeralsRequest(prefixPath, _chroot), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The number of nodes below the path, at any depth. Needs ZooKeeper 3.6.</summary>
    public async Task<int> GetAllChildrenNumberAsync(string path, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        await RequireServerAsync(3, 6, "GetAllChildrenNumber").ConfigureAwait(false);
        return await _session.Submit(new GetAllChildrenNumberRequest(path, _chroot), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The identities the server holds for this session. Needs ZooKeeper 3.7.</summary>
    public async Task<IReadOnlyList<ClientInfo>> WhoAmIAsync(CancellationToken cancellationToken = default)
    {
        await RequireServerAsync(3, 7, "WhoAmI").ConfigureAwait(false);
        return await _session.Submit(new WhoAmIRequest(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds credentials to the session; they are replayed after every reconnect. Rejected credentials end the session (AuthFailed).</summary>
    public Task AddAuthAsync(AuthInfo auth, CancellationToken cancellationToken = default)
    {
        if (auth is null) throw new ArgumentNullException(nameof(auth));
        return _session.AddAuthAsync(auth, cancellationToken);
    }

    /// <summary>Closes the session (its ephemeral nodes go). Idempotent; later calls throw <see cref="SessionClosedException"/>.</summary>
    public Task CloseAsync(CancellationToken cancellationToken = default) => _session.CloseAsync(cancellationToken);

    /// <summary>Closes the session if it is open, waiting a bounded time for the server's reply.</summary>
    public void Dispose()
    {
        if (State is ConnectionState.Closed or ConnectionState.Expired or ConnectionState.AuthFailed) return;
        try
        {
            // Dispose is synchronous by contract; CloseAsync never needs this thread, so a bounded wait cannot deadlock.
            _session.CloseAsync(CancellationToken.None).Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Best effort: the session ends on the server by timeout anyway.
        }
    }

    /// <summary>Drops the TCP connection as a network failure would; the client then reconnects (tests use it).</summary>
    internal void DropConnection() => _session.AbortConnection();

    private async Task RequireServerAsync(int major, int minor, string feature)
    {
        _session.ThrowIfFinal();
        var version = await _session.GetServerVersionAsync().ConfigureAwait(false);
        if (version is not null && version < new Version(major, minor))
            throw new NotSupportedException($"{feature} needs ZooKeeper {major}.{minor} or later; the server is {version}.");
    }

    public override string ToString() => $"ZooKeeperClient(0x{SessionId:x}, {State}, {ConnectedServer ?? ConnectionString})";
}
