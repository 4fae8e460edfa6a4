using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;
using ZooKeeperPS.Client.Protocol.Requests;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Session;

/// <summary>
/// The session across connections: connects (shuffled hosts, per-host timeout), keeps the session id, password and
/// last zxid, reconnects after a loss, replays credentials, re-registers watches, and ends for good on expiry,
/// rejected credentials or close. Requests wait in one queue that the current connection's send loop drains.
/// </summary>
internal sealed class ClientSession : IConnectionOwner
{
    private const int SetWatchesBatchChars = 128 * 1024;

    private readonly HostList _hosts;
    private readonly Chroot _chroot;
    private readonly WatchManager _watches;
    private readonly SerialDispatcher _dispatcher;
    private readonly Action<ConnectionState, ConnectionState, string?> _raiseStateChanged;
    private readonly Action<string>? _log;
    private readonly int _requestedTimeoutMs;
    private readonly bool _allowReadOnly;
    private readonly int _maxFrameLength;
    private readonly ConcurrentQueue<Request> _outgoing = new();
    private readonly SendSignal _signal = new();
    private readonly XidSource _xids = new();
    private readonly List<AuthInfo> _auth;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<bool> _firstSession = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, Task<Version?>> _serverVersions = new();
    private readonly Random _random = new();

    private int _state = (int)ConnectionState.Connecting;
    private long _sessionId;
    private byte[] _password = new byte[16];
    private long _lastZxid;
    private int _negotiatedTimeoutMs;
    private bool _seenReadWriteServer;
    private volatile ServerConnection? _connection;
    private volatile HostEndpoint? _lastServer;
    private volatile HostEndpoint? _readWriteServerFound;
    private volatile bool _closing;
    private string _lastConnectError = "no attempt was made";

    public ClientSession(ZooKeeperClientOptions options, ConnectionString connectionString, Chroot chroot, WatchManager watches,
        SerialDispatcher dispatcher, Action<ConnectionState, ConnectionState, string?> raiseStateChanged)
    {
        _hosts = new HostList(connectionString.Hosts, _random);
        _chroot = chroot;
        _watches = watches;
        _dispatcher = dispatcher;
        _raiseStateChanged = raiseStateChanged;
        _log = options.Log;
        _requestedTimeoutMs = (int)Math.Min(int.MaxValue, options.SessionTimeout.TotalMilliseconds);
        _allowReadOnly = options.AllowReadOnly;
        _maxFrameLength = options.MaxFrameLength;
        _auth = new List<AuthInfo>(options.Auth);
        if (options.SessionId != 0)
        {
            // Resuming: present the id and password from the first attempt, as after a reconnect.
            _sessionId = options.SessionId;
            _password = (byte[])(options.SessionPassword ?? throw new ArgumentException("Resuming a session needs its SessionPassword.", nameof(options))).Clone();
            _seenReadWriteServer = true;
        }
    }

    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    public long SessionId => Interlocked.Read(ref _sessionId);

    public TimeSpan NegotiatedTimeout => TimeSpan.FromMilliseconds(Volatile.Read(ref _negotiatedTimeoutMs));

    public long LastZxid => Interlocked.Read(ref _lastZxid);

    public byte[] Password => (byte[])Volatile.Read(ref _password).Clone();

    public string? ConnectedServer => _connection?.Server.ToString();

    private bool IsFinal => State is ConnectionState.Closed or ConnectionState.Expired or ConnectionState.AuthFailed;

    /// <summary>Starts the connection loop and waits for the first session (or throws ConnectionLoss naming the hosts).</summary>
    public async Task StartAsync(TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        _ = Task.Run(RunSafelyAsync);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = Task.Delay(connectTimeout, wait.Token);
        var first = await Task.WhenAny(_firstSession.Task, timeout).ConfigureAwait(false);
        wait.Cancel();
        if (first == _firstSession.Task)
        {
            await _firstSession.Task.ConfigureAwait(false); // rethrows AuthFailed
            return;
        }

        Finish(ConnectionState.Closed, null);
        cancellationToken.ThrowIfCancellationRequested();
        throw new ZooKeeperException(ErrorCode.ConnectionLoss, null,
            $"no ZooKeeper server answered within {connectTimeout.TotalSeconds:0.###} s (servers: {_hosts}; last error: {_lastConnectError}).");
    }

    /// <summary>Queues a request for the current or next connection.</summary>
    public Task<T> Submit<T>(Request<T> request, CancellationToken cancellationToken)
    {
        ThrowIfFinal();
        if (cancellationToken.CanBeCanceled)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
            var registration = cancellationToken.Register(() => request.Cancel(cancellationToken));
            request.Task.ContinueWith((_, state) => ((CancellationTokenRegistration)state!).Dispose(), registration,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        _outgoing.Enqueue(request);
        _signal.Set();
        if (IsFinal) FailQueued("the session ended"); // lost a race with Finish: do not leave it waiting
        return request.Task;
    }

    public void ThrowIfFinal()
    {
        var final = FinalException(null);
        if (final is not null) throw final;
    }

    public async Task AddAuthAsync(AuthInfo auth, CancellationToken cancellationToken)
    {
        await Submit(new AuthRequest(auth), cancellationToken).ConfigureAwait(false);
        lock (_auth) _auth.Add(auth);
    }

    /// <summary>
    /// Sends closeSession and waits a bounded time for the reply (sending it again if the connection drops
    /// meanwhile); then the session is over either way.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (IsFinal) return;
        var wait = TimeSpan.FromMilliseconds(Math.Max(1000, Math.Min(5000, Volatile.Read(ref _negotiatedTimeoutMs))));
        var deadline = MonotonicClock.NowMilliseconds + (long)wait.TotalMilliseconds;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (!IsFinal && !stop.IsCancellationRequested)
        {
            var remaining = deadline - MonotonicClock.NowMilliseconds;
            if (remaining <= 0) break;
            // The reply marks the session as closing on the receive loop, before the server drops the socket.
            var close = new CloseSessionRequest(() => _closing = true);
            _outgoing.Enqueue(close);
            _signal.Set();
            var done = await Task.WhenAny(close.Task, Task.Delay(TimeSpan.FromMilliseconds(remaining), stop.Token)).ConfigureAwait(false);
            if (done != close.Task || close.Task.Status == TaskStatus.RanToCompletion) break;
            await Task.Delay(50, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        stop.Cancel();
        Finish(ConnectionState.Closed, null);
    }

    /// <summary>Drops the current connection as a network failure would (for tests).</summary>
    public void AbortConnection() => _connection?.Abort();

    /// <summary>The server's version (srvr), or null when unknown; cached per server.</summary>
    public Task<Version?> GetServerVersionAsync()
    {
        var server = _connection?.Server ?? _lastServer;
        if (server is null) return Task.FromResult<Version?>(null);
        return _serverVersions.GetOrAdd(server.ToString(), _ => ServerVersionProbe.GetAsync(server, TimeSpan.FromSeconds(5)));
    }

    /// <summary>A bug in the loop must end the session visibly, not leave every call waiting forever.</summary>
    private async Task RunSafelyAsync()
    {
        try
        {
            await RunAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log("the connection loop failed: " + e);
            Finish(ConnectionState.Closed, e);
        }
    }

    private async Task RunAsync()
    {
        var failuresInARow = 0;
        while (!_stop.IsCancellationRequested)
        {
            if (failuresInARow > 0 && failuresInARow % _hosts.Count == 0)
            {
                // A whole pass failed: pause before the next one instead of hammering.
                try { await Task.Delay(1000, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }

            var server = Interlocked.Exchange(ref _readWriteServerFound, null) ?? _hosts.Next(out _);
            var connection = await TryConnectAsync(server).ConfigureAwait(false);
            if (connection is null)
            {
                if (IsFinal || _stop.IsCancellationRequested) return;
                failuresInARow++;
                FailQueued($"could not connect to {server}: {_lastConnectError}");
                continue;
            }

            failuresInARow = 0;
            var reason = await RunConnectionAsync(connection).ConfigureAwait(false);
            if (IsFinal || _closing || _stop.IsCancellationRequested)
            {
                FailQueued("the session ended");
                return;
            }

            Log($"disconnected from {server}: {ServerConnection.Describe(reason)}");
            SetState(ConnectionState.Disconnected, server.ToString());
            FailQueued(ServerConnection.Describe(reason));
        }
    }

    private async Task<ServerConnection?> TryConnectAsync(HostEndpoint server)
    {
        var negotiated = Volatile.Read(ref _negotiatedTimeoutMs);
        var perHostTimeout = TimeSpan.FromMilliseconds((negotiated > 0 ? negotiated : _requestedTimeoutMs) / _hosts.Count);
        var request = _seenReadWriteServer
            ? new Protocol.ConnectRequest(LastZxid, _requestedTimeoutMs, SessionId, _password, _allowReadOnly)
            : new Protocol.ConnectRequest(LastZxid, _requestedTimeoutMs, 0, new byte[16], _allowReadOnly);
        try
        {
            return await ServerConnection.OpenAsync(server, request, AuthSnapshot(), _maxFrameLength, perHostTimeout, _stop.Token).ConfigureAwait(false);
        }
        catch (ZooKeeperException e) when (e.Code == ErrorCode.SessionExpired)
        {
            Log($"session 0x{SessionId:x} expired (reported by {server})");
            Finish(ConnectionState.Expired, e);
            return null;
        }
        catch (ZooKeeperException e) when (e.Code == ErrorCode.AuthFailed)
        {
            Log($"{server} rejected the credentials");
            Finish(ConnectionState.AuthFailed, e);
            return null;
        }
        catch (Exception e)
        {
            _lastConnectError = $"{server}: {ServerConnection.Describe(e)}";
            if (!_stop.IsCancellationRequested) Log("connect failed: " + _lastConnectError);
            return null;
        }
    }

    private async Task<Exception> RunConnectionAsync(ServerConnection connection)
    {
        var reply = connection.Session;
        Interlocked.Exchange(ref _sessionId, reply.SessionId);
        Volatile.Write(ref _password, reply.Password);
        Volatile.Write(ref _negotiatedTimeoutMs, reply.TimeoutMilliseconds);
        if (!reply.ReadOnly) _seenReadWriteServer = true;
        _connection = connection;
        _lastServer = connection.Server;

        var first = new List<Request>();
        foreach (var batch in _watches.Batches(_chroot, SetWatchesBatchChars))
        {
            var setWatches = new SetWatchesRequest(LastZxid, batch);
            _ = setWatches.Task.ContinueWith(t => Log("re-registering watches failed: " + t.Exception!.GetBaseException().Message),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            first.Add(setWatches);
        }

        var server = connection.Server.ToString();
        Log($"connected to {server}, session 0x{reply.SessionId:x}, timeout {reply.TimeoutMilliseconds} ms" +
            (reply.ReadOnly ? ", read-only" : "") + (first.Count > 0 ? $", re-registering watches in {first.Count} batch(es)" : ""));
        SetState(reply.ReadOnly ? ConnectionState.ConnectedReadOnly : ConnectionState.Connected, server);
        _firstSession.TrySetResult(true);

        var readTimeout = TimeSpan.FromMilliseconds(reply.TimeoutMilliseconds * 2 / 3);
        using var connectionEnded = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        if (reply.ReadOnly) _ = SearchReadWriteServerAsync(connection, connectionEnded.Token);
        try
        {
            return await connection.RunAsync(_outgoing, _signal, first, _xids, this, readTimeout, _stop.Token).ConfigureAwait(false);
        }
        finally
        {
            connectionEnded.Cancel();
            _connection = null;
            connection.Dispose();
        }
    }

    /// <summary>
    /// While on a read-only server, asks the other servers (isro) whether they serve writes again, backing off from
    /// half a second to a minute; when one does, the connection is dropped and that server is tried next.
    /// </summary>
    private async Task SearchReadWriteServerAsync(ServerConnection connection, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        try
        {
            while (true)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                foreach (var server in _hosts.All)
                {
                    if (server == connection.Server) continue;
                    string answer;
                    try
                    {
                        answer = await FourLetterWord.SendAsync(server, "isro", TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        continue;
                    }

                    if (!answer.StartsWith("rw", StringComparison.Ordinal)) continue;
                    Log($"{server} serves writes again; leaving read-only {connection.Server}");
                    _readWriteServerFound = server;
                    connection.Abort();
                    return;
                }

                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 60_000));
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
    }

    private IReadOnlyList<AuthInfo> AuthSnapshot()
    {
        lock (_auth) return _auth.ToArray();
    }

    private void FailQueued(string reason)
    {
        while (_outgoing.TryDequeue(out var request))
        {
            var lost = RequestLost(request.Path, reason);
            // Still queued, so never written to a socket: the caller may send it again safely.
            if (lost is ZooKeeperException { Code: ErrorCode.ConnectionLoss } unsent) unsent.RequestSent = false;
            request.Fail(lost);
        }
    }

    /// <summary>Ends the session for good: fails everything queued, tells every watcher, stops connecting.</summary>
    private void Finish(ConnectionState finalState, Exception? cause)
    {
        while (true)
        {
            var old = Volatile.Read(ref _state);
            if (old is (int)ConnectionState.Closed or (int)ConnectionState.Expired or (int)ConnectionState.AuthFailed) return;
            if (Interlocked.CompareExchange(ref _state, (int)finalState, old) != old) continue;
            _closing = true;
            AnnounceState((ConnectionState)old, finalState, _connection?.Server.ToString(), clearWatches: true);
            _firstSession.TrySetException(cause ?? FinalException(null)!);
            _stop.Cancel();
            FailQueued("the session ended");
            return;
        }
    }

    private void SetState(ConnectionState state, string? server)
    {
        while (true)
        {
            var old = Volatile.Read(ref _state);
            if (old == (int)state || IsFinal) return;
            if (Interlocked.CompareExchange(ref _state, (int)state, old) != old) continue;
            AnnounceState((ConnectionState)old, state, server, clearWatches: false);
            return;
        }
    }

    /// <summary>StateChanged and a None event to every watcher (ZooKeeper's rule), in order on the dispatch queue.</summary>
    private void AnnounceState(ConnectionState old, ConnectionState state, string? server, bool clearWatches)
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

    private Exception? FinalException(string? path) => State switch
    {
        ConnectionState.Closed => new SessionClosedException(),
        ConnectionState.Expired => new ZooKeeperException(ErrorCode.SessionExpired, path),
        ConnectionState.AuthFailed => new ZooKeeperException(ErrorCode.AuthFailed, path, "the server rejected the credentials; the session is over."),
        _ => null,
    };

    public Exception RequestLost(string? path, string reason) =>
        FinalException(path) ?? new ZooKeeperException(ErrorCode.ConnectionLoss, path, $"the connection to the server was lost ({reason}).");

    public void OnNotification(EventType type, KeeperState state, string serverPath)
    {
        var path = _chroot.ToClient(serverPath);
        var watchers = _watches.Materialize(type, path);
        if (watchers.Count == 0) return;
        var watchedEvent = new WatchedEvent(type, state, path);
        foreach (var watcher in watchers) _dispatcher.Enqueue(() => watcher(watchedEvent));
    }

    public void OnReplyZxid(long zxid) => Interlocked.Exchange(ref _lastZxid, zxid);

    public void OnFatalReply(ErrorCode code) =>
        Finish(code == ErrorCode.AuthFailed ? ConnectionState.AuthFailed : ConnectionState.Expired, new ZooKeeperException(code));

    public void Log(string message) => _log?.Invoke(message);
}
