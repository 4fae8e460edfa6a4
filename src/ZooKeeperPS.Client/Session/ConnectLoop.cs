using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Auth;
using ZooKeeperPS.Client.Connection;
using ZooKeeperPS.Client.Protocol;
using ZooKeeperPS.Client.Protocol.Requests;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Session;

/// <summary>
/// Keeps the session connected: tries the servers in turn (each attempt bounded by <see cref="AttemptTimeout"/>, a
/// pause after each failed pass), presents the session id, password and last zxid, authenticates, re-registers every watch
/// before anything else is sent, runs the connection, and after a loss starts again. It ends on expiry, rejected
/// credentials (both reported to the owner) or <see cref="Stop"/>. A session that has heard from no server for 4/3 of
/// its timeout is over on the server by then: the loop declares it expired itself (as the Java client does since
/// ZOOKEEPER-4508) rather than trying for ever, e.g. with a last zxid that no server has.
/// <para>
/// TLS refusals (the transport's <see cref="AuthenticationException"/>: a server certificate the client does not
/// accept, or a client certificate the server does not) end the attempt to open a session as soon as every server of
/// the connection string has refused: no retry can cure a certificate, so waiting for the connect timeout would only
/// hide the reason. Once a session exists they are ordinary connect failures: one member with a bad certificate must
/// not end a live session that another member can serve.
/// </para>
/// </summary>
internal sealed class ConnectLoop
{
    private const int SetWatchesBatchChars = 128 * 1024;

    private readonly IConnectionTransport _transport;
    private readonly int _juteMaxBuffer;
    private readonly TimeSpan? _requestTimeout;
    private readonly bool _allowReadOnly;
    private readonly int _requestedTimeoutMs;
    private readonly HostList _hosts;
    private readonly SessionState _state;
    private readonly RequestQueue _queue;
    private readonly WatchManager _watches;
    private readonly Chroot _chroot;
    private readonly ReadWriteServerSearch _readWriteSearch;
    private readonly IConnectionOwner _owner;
    private readonly XidSource _xids = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<bool> _firstSession = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long _sessionId;
    private byte[] _password = new byte[16];
    private long _lastZxid;
    private int _negotiatedTimeoutMs;
    private long _lastHeard;
    private bool _seenReadWriteServer;
    private volatile ServerConnection? _connection;
    private volatile HostEndpoint? _readWriteServerFound;
    private volatile bool _closing;
    private string _lastConnectError = "no attempt was made";
    private readonly Dictionary<HostEndpoint, string> _tlsRefusals = new();
    private readonly int _distinctHosts;

    public ConnectLoop(ZooKeeperClientOptions options, HostList hosts, SessionState state, RequestQueue queue, WatchManager watches,
        Chroot chroot, IConnectionOwner owner)
    {
        // Copied: the caller may change or reuse the options object while the session lives.
        _transport = options.Transport;
        _juteMaxBuffer = options.JuteMaxBuffer;
        _requestTimeout = options.RequestTimeout;
        _allowReadOnly = options.AllowReadOnly;
        _requestedTimeoutMs = (int)Math.Min(int.MaxValue, options.SessionTimeout.TotalMilliseconds);
        _hosts = hosts;
        _distinctHosts = hosts.All.Distinct().Count();
        _state = state;
        _queue = queue;
        _watches = watches;
        _chroot = chroot;
        var fourLetterWords = new FourLetterWordClient(options.Transport);
        Features = new ServerFeatures(fourLetterWords, _stop.Token);
        _readWriteSearch = new ReadWriteServerSearch(hosts, fourLetterWords);
        _owner = owner;
        Credentials = new SessionCredentials(options, () => _connection);
        // Nobody waits for the first session once ConnectAsync has given up: its failure must not go unobserved.
        _firstSession.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (options.SessionId != 0)
        {
            // Resuming: present the id and password from the first attempt, as after a reconnect.
            _sessionId = options.SessionId;
            _password = (byte[])(options.SessionPassword ?? throw new ArgumentException("Resuming a session needs its SessionPassword.", nameof(options))).Clone();
            _seenReadWriteServer = true;
        }
    }

    public long SessionId => Interlocked.Read(ref _sessionId);

    public byte[] Password => (byte[])Volatile.Read(ref _password).Clone();

    public long LastZxid => Interlocked.Read(ref _lastZxid);

    /// <summary>0 until the first session is established.</summary>
    public int NegotiatedTimeoutMs => Volatile.Read(ref _negotiatedTimeoutMs);

    public HostEndpoint? ConnectedServer => _connection?.Server;

    /// <summary>What the connected server supports; learnt afresh for each connection.</summary>
    public ServerFeatures Features { get; }

    /// <summary>Completes with the first session, or fails with the reason the session ended before one.</summary>
    public Task FirstSession => _firstSession.Task;

    public string LastConnectError => _lastConnectError;

    public void Start() => _ = Task.Run(RunSafelyAsync);

    /// <summary>Ends the loop (the owner decided the session is over); <paramref name="cause"/> fails a pending <see cref="FirstSession"/>.</summary>
    public void Stop(Exception cause)
    {
        _closing = true;
        _firstSession.TrySetException(cause);
        _stop.Cancel();
    }

    /// <summary>The server confirmed closeSession: the connection loss that follows ends the loop instead of reconnecting.</summary>
    public void MarkClosing() => _closing = true;

    /// <summary>What every connection presents; logins and credentials added during the session go here.</summary>
    public SessionCredentials Credentials { get; }

    /// <summary>Drops <paramref name="connection"/> if it is still the current one (a login left half done on it).</summary>
    public void DropConnection(ServerConnection connection)
    {
        if (_connection == connection) connection.Dispose();
    }

    /// <summary>Keeps the highest zxid seen: a reply from a server that is behind must not move the session back in time.</summary>
    public void OnReplyZxid(long zxid)
    {
        var seen = Interlocked.Read(ref _lastZxid);
        while (zxid > seen)
        {
            var before = Interlocked.CompareExchange(ref _lastZxid, zxid, seen);
            if (before == seen) return;
            seen = before;
        }
    }

    /// <summary>Drops the current connection as a network failure would; the loop reconnects.</summary>
    public void DropConnection() => _connection?.Dispose();

    /// <summary>A bug in the loop must end the session visibly, not leave every call waiting forever.</summary>
    private async Task RunSafelyAsync()
    {
        try
        {
            await RunAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _owner.Log("the connection loop failed: " + e);
            _owner.OnSessionEnded(e);
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

            var untilExpiry = UntilLocalExpiry();
            if (untilExpiry <= TimeSpan.Zero)
            {
                ExpireLocally();
                return;
            }

            var server = Interlocked.Exchange(ref _readWriteServerFound, null) ?? _hosts.Next();
            var connection = await TryConnectAsync(server, untilExpiry).ConfigureAwait(false);
            if (connection is null)
            {
                if (_state.IsFinal || _stop.IsCancellationRequested) return;
                failuresInARow++;
                _queue.FailAll(path => _owner.RequestLost(path, $"could not connect to {server}: {_lastConnectError}"));
                continue;
            }

            failuresInARow = 0;
            var reason = await RunConnectionAsync(connection).ConfigureAwait(false);
            if (_state.IsFinal || _closing || _stop.IsCancellationRequested)
            {
                _queue.FailAll(path => _owner.RequestLost(path, "the session ended"));
                return;
            }

            var reasonText = ServerConnection.Describe(reason);
            _owner.Log($"disconnected from {server}: {reasonText}");
            _state.Set(ConnectionState.Disconnected, server.ToString());
        }
    }

    /// <summary>How long the session may still go without hearing from a server; unbounded before the first session.</summary>
    private TimeSpan UntilLocalExpiry()
    {
        var negotiated = NegotiatedTimeoutMs;
        if (negotiated <= 0) return TimeSpan.MaxValue;
        var silence = MonotonicClock.NowMilliseconds - Interlocked.Read(ref _lastHeard);
        return TimeSpan.FromMilliseconds(negotiated * 4L / 3 - silence);
    }

    private void ExpireLocally()
    {
        var limit = NegotiatedTimeoutMs * 4L / 3;
        _owner.Log($"session 0x{SessionId:x} expired: no server reached for {limit} ms (4/3 of the session timeout)");
        _owner.OnSessionEnded(new ZooKeeperException(ErrorCode.SessionExpired, null,
            $"no server could be reached for {limit / 1000.0:0.#} s (4/3 of the session timeout), so the servers have expired the session by now."));
    }

    /// <summary>
    /// How long one attempt may take, from the TCP connect to the last authentication reply. The Java client shares the
    /// session timeout among the hosts; we also cap an attempt at a third of it (but not below 2 s, which a loaded
    /// server may need to create a session): a server that accepts the connection and never answers must cost one
    /// attempt, not the session. ZooKeeper 3.8.0 does exactly that to connections made while it starts: it refuses
    /// them as "not running", fails with a NullPointerException while closing them, and leaves them open.
    /// </summary>
    private TimeSpan AttemptTimeout()
    {
        var negotiated = NegotiatedTimeoutMs;
        var sessionTimeout = negotiated > 0 ? negotiated : _requestedTimeoutMs;
        var perHost = sessionTimeout / _hosts.Count;
        var cap = Math.Max(sessionTimeout / 3, 2000);
        return TimeSpan.FromMilliseconds(Math.Min(perHost, cap));
    }

    private async Task<ServerConnection?> TryConnectAsync(HostEndpoint server, TimeSpan untilExpiry)
    {
        var perHostTimeout = AttemptTimeout();
        if (untilExpiry < perHostTimeout) perHostTimeout = untilExpiry;
        var request = _seenReadWriteServer
            ? new ConnectRequest(LastZxid, _requestedTimeoutMs, SessionId, _password, _allowReadOnly)
            : new ConnectRequest(LastZxid, _requestedTimeoutMs, 0, new byte[16], _allowReadOnly);
        try
        {
            return await Handshake.OpenAsync(server, _transport, _juteMaxBuffer, request, Credentials.Authenticators(server, _xids.Next), perHostTimeout, _stop.Token)
                .ConfigureAwait(false);
        }
        catch (ZooKeeperException e) when (e.Code is ErrorCode.SessionExpired or ErrorCode.AuthFailed)
        {
            _owner.Log(e.Code == ErrorCode.SessionExpired
                ? $"session 0x{SessionId:x} expired (reported by {server})"
                : $"{server} rejected the credentials");
            _owner.OnSessionEnded(e);
            return null;
        }
        catch (Exception e)
        {
            _lastConnectError = $"{server}: {ServerConnection.Describe(e)}";
            if (!_stop.IsCancellationRequested) _owner.Log("connect failed: " + _lastConnectError);
            if (e is AuthenticationException refused) OnTlsRefused(server, refused);
            else _tlsRefusals.Remove(server);
            return null;
        }
    }

    /// <summary>Before the first session: when every server has refused TLS, the session cannot be opened; say why at once.</summary>
    private void OnTlsRefused(HostEndpoint server, AuthenticationException refusal)
    {
        if (_firstSession.Task.IsCompleted || _stop.IsCancellationRequested) return;
        _tlsRefusals[server] = refusal.Message.TrimEnd('.');
        if (_tlsRefusals.Count < _distinctHosts) return;
        var reasons = _tlsRefusals.Values.Distinct().ToList();
        var message = _distinctHosts == 1
            ? $"{reasons[0]}."
            : $"every server refused TLS ({string.Join("; ", reasons)}).";
        _owner.Log("no session: " + message);
        _owner.OnSessionEnded(new AuthenticationException(message, refusal));
    }

    private async Task<Exception> RunConnectionAsync(ServerConnection connection)
    {
        var reply = connection.Session;
        Interlocked.Exchange(ref _sessionId, reply.SessionId);
        Volatile.Write(ref _password, reply.Password);
        Volatile.Write(ref _negotiatedTimeoutMs, reply.TimeoutMilliseconds);
        Interlocked.Exchange(ref _lastHeard, connection.LastReceived);
        if (!reply.ReadOnly) _seenReadWriteServer = true;
        Features.OnConnected(connection.Server);
        _connection = connection;

        var first = ReRegisterWatches();
        var server = connection.Server.ToString();
        _owner.Log($"connected to {server}, session 0x{reply.SessionId:x}, timeout {reply.TimeoutMilliseconds} ms" +
            (reply.ReadOnly ? ", read-only" : "") + (first.Count > 0 ? $", re-registering watches in {first.Count} batch(es)" : ""));
        _state.Set(reply.ReadOnly ? ConnectionState.ConnectedReadOnly : ConnectionState.Connected, server);
        _firstSession.TrySetResult(true);

        var readTimeout = TimeSpan.FromMilliseconds(reply.TimeoutMilliseconds * 2 / 3);
        using var connectionEnded = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        if (reply.ReadOnly) _ = LeaveReadOnlyServerAsync(connection, connectionEnded.Token);
        try
        {
            return await connection.RunAsync(_queue, first, _xids, _owner, readTimeout, _requestTimeout, _stop.Token).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _lastHeard, connection.LastReceived);
            connectionEnded.Cancel();
            _connection = null;
            connection.Dispose();
        }
    }

    /// <summary>SetWatches batches of about 128 KiB, sent before anything queued.</summary>
    private List<Request> ReRegisterWatches()
    {
        var requests = new List<Request>();
        foreach (var batch in _watches.Batches(_chroot, SetWatchesBatchChars))
        {
            var setWatches = new SetWatchesRequest(LastZxid, batch);
            _ = setWatches.Task.ContinueWith(t => _owner.Log("re-registering watches failed: " + t.Exception!.GetBaseException().Message),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            requests.Add(setWatches);
        }

        return requests;
    }

    /// <summary>When another server serves writes again, drops this connection so that server is tried next.</summary>
    private async Task LeaveReadOnlyServerAsync(ServerConnection connection, CancellationToken cancellationToken)
    {
        var readWrite = await _readWriteSearch.FindAsync(connection.Server, cancellationToken).ConfigureAwait(false);
        if (readWrite is null) return;
        _owner.Log($"{readWrite} serves writes again; leaving read-only {connection.Server}");
        _readWriteServerFound = readWrite;
        connection.Dispose();
    }
}
