using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Auth;
using ZooKeeperPS.Client.Connection;
using ZooKeeperPS.Client.Protocol.Requests;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Session;

/// <summary>
/// The session across connections, as the client facade sees it: requests go into one queue that the current
/// connection drains (<see cref="ConnectLoop"/> keeps a connection there), replies and notifications come back through
/// <see cref="IConnectionOwner"/>, and the session ends for good on expiry, rejected credentials or close
/// (<see cref="SessionState"/>).
/// </summary>
internal sealed class ClientSession : IConnectionOwner
{
    /// <summary>How long Dispose waits for the closeSession reply: a healthy server answers in milliseconds.</summary>
    private static readonly TimeSpan DisposeCloseWait = TimeSpan.FromSeconds(1);

    private readonly Chroot _chroot;
    private readonly WatchManager _watches;
    private readonly SerialDispatcher _dispatcher;
    private readonly Action<string>? _log;
    private readonly SessionState _state;
    private readonly RequestQueue _queue = new();
    private readonly HostList _hosts;
    private readonly ConnectLoop _loop;

    public ClientSession(ZooKeeperClientOptions options, ConnectionString connectionString, Chroot chroot, WatchManager watches,
        SerialDispatcher dispatcher, Action<ConnectionState, ConnectionState, string?> raiseStateChanged)
    {
        _chroot = chroot;
        _watches = watches;
        _dispatcher = dispatcher;
        _log = options.Log;
        _state = new SessionState(watches, dispatcher, raiseStateChanged);
        _hosts = new HostList(connectionString.Hosts, new Random());
        _loop = new ConnectLoop(options, _hosts, _state, _queue, watches, chroot, this);
    }

    public ConnectionState State => _state.Current;

    public long SessionId => _loop.SessionId;

    public TimeSpan NegotiatedTimeout => TimeSpan.FromMilliseconds(_loop.NegotiatedTimeoutMs);

    public long LastZxid => _loop.LastZxid;

    public byte[] Password => _loop.Password;

    public string? ConnectedServer => _loop.ConnectedServer?.ToString();

    public ServerFeatures Features => _loop.Features;

    /// <summary>Starts the connection loop and waits for the first session (or throws ConnectionLoss naming the hosts).</summary>
    public async Task StartAsync(TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        _loop.Start();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = Task.Delay(connectTimeout, wait.Token);
        var first = await Task.WhenAny(_loop.FirstSession, timeout).ConfigureAwait(false);
        wait.Cancel();
        if (first == _loop.FirstSession)
        {
            await _loop.FirstSession.ConfigureAwait(false); // rethrows AuthFailed or SessionExpired
            return;
        }

        Finish(ConnectionState.Closed, null);
        cancellationToken.ThrowIfCancellationRequested();
        throw new ZooKeeperException(ErrorCode.ConnectionLoss, null,
            $"no ZooKeeper server answered within {connectTimeout.TotalSeconds:0.###} s (servers: {_hosts}; last error: {_loop.LastConnectError}).");
    }

    /// <summary>Queues a request for the current or next connection; an ended session gives a faulted task.</summary>
    public Task<T> Submit<T>(Request<T> request, CancellationToken cancellationToken)
    {
        var final = _state.FinalException(null);
        if (final is not null) return Task.FromException<T>(final);
        if (cancellationToken.CanBeCanceled)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
            request.CancelWith(cancellationToken);
        }

        _queue.Enqueue(request);
        if (_state.IsFinal) FailQueued(); // lost a race with Finish: do not leave it waiting
        return request.Task;
    }

    public void ThrowIfFinal()
    {
        var final = _state.FinalException(null);
        if (final is not null) throw final;
    }

    public IReadOnlyList<string> Identities => _loop.Credentials.Identities;

    public async Task AddAuthAsync(AuthInfo auth, CancellationToken cancellationToken)
    {
        await Submit(new AuthRequest(auth), cancellationToken).ConfigureAwait(false);
        _loop.Credentials.Remember(auth);
    }

    /// <summary>
    /// A SASL login on the current connection, its steps bound to it; kept and done again on every later connection.
    /// A failed login fails alone: the server drops the connection (and a login the client gave up half way is dropped
    /// here), and the session reconnects without it.
    /// </summary>
    public async Task AddSaslAsync(SaslOptions sasl, CancellationToken cancellationToken)
    {
        ThrowIfFinal();
        var credentials = _loop.Credentials;
        var connection = credentials.BeginSaslLogin();
        var kept = false;
        var sent = false;
        try
        {
            var login = new SaslAuthenticator(sasl, connection.Server.Host, nextXid: null);
            await login.ExchangeAsync(async token =>
            {
                sent = true;
                try
                {
                    return await Submit(new SaslRequest(token, connection), cancellationToken).ConfigureAwait(false);
                }
                catch (ZooKeeperException e) when (e.Code is ErrorCode.AuthFailed or ErrorCode.SessionClosedRequireSaslAuth)
                {
                    throw login.Rejected(e.Code);
                }
            }).ConfigureAwait(false);
            kept = credentials.KeepSaslLogin(sasl, connection);
            if (!kept)
            {
                throw new ZooKeeperException(ErrorCode.ConnectionLoss, null,
                    "the connection was lost as the SASL login finished, so the login was not kept; add it again.");
            }
            _log?.Invoke($"SASL login {sasl} added to session 0x{SessionId:x}");
        }
        catch (ZooKeeperException e) when (e.Code == ErrorCode.AuthFailed && sent)
        {
            _loop.DropConnection(connection);
            throw;
        }
        finally
        {
            if (!kept) credentials.EndSaslLogin();
        }
    }

    /// <summary>
    /// Sends closeSession and waits a bounded time for the reply (sending it again if the connection drops
    /// meanwhile); then the session is over either way.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_state.IsFinal) return;
        var wait = Math.Max(1000, Math.Min(5000, _loop.NegotiatedTimeoutMs));
        var deadline = MonotonicClock.NowMilliseconds + wait;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (!_state.IsFinal && !stop.IsCancellationRequested)
        {
            var remaining = deadline - MonotonicClock.NowMilliseconds;
            if (remaining <= 0) break;
            var close = SendClose();
            var done = await Task.WhenAny(close, Task.Delay(TimeSpan.FromMilliseconds(remaining), stop.Token)).ConfigureAwait(false);
            if (done != close || close.Status == TaskStatus.RanToCompletion) break;
            await Task.Delay(50, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        stop.Cancel();
        Finish(ConnectionState.Closed, null);
    }

    /// <summary>
    /// Closes without waiting for seconds: while connected, sends closeSession and waits at most
    /// <see cref="DisposeCloseWait"/> for the reply; while disconnected, waits for nothing (no reconnect).
    /// </summary>
    public void CloseQuickly()
    {
        if (_state.IsFinal) return;
        if (_state.IsConnected)
        {
            try
            {
                // Dispose is synchronous by contract, so this is the one bounded blocking wait; the reply never needs this thread.
                SendClose().Wait(DisposeCloseWait);
            }
            catch (AggregateException)
            {
                // The connection went meanwhile: the server ends the session by timeout.
            }
        }

        Finish(ConnectionState.Closed, null);
    }

    /// <summary>
    /// The reply marks the session as closing on the receive loop, before the server drops the socket. A close that is
    /// given up on (sent again, or no longer waited for) may still fail later: its failure is observed here.
    /// </summary>
    private Task SendClose()
    {
        var close = new CloseSessionRequest(_loop.MarkClosing);
        close.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _queue.Enqueue(close);
        return close.Task;
    }

    /// <summary>Drops the current connection as a network failure would (for tests).</summary>
    public void DropConnection() => _loop.DropConnection();

    /// <summary>Ends the session for good: stops connecting, tells every watcher, fails everything queued.</summary>
    private void Finish(ConnectionState finalState, Exception? cause)
    {
        if (!_state.TryEnd(finalState, ConnectedServer)) return;
        _loop.Stop(cause ?? _state.FinalException(null)!);
        FailQueued();
    }

    private void FailQueued() => _queue.FailAll(path => RequestLost(path, "the session ended"));

    public Exception RequestLost(string? path, string reason) =>
        _state.FinalException(path) ?? new ZooKeeperException(ErrorCode.ConnectionLoss, path, $"the connection to the server was lost ({reason}).");

    public void OnNotification(EventType type, KeeperState state, string serverPath)
    {
        var path = _chroot.ToClient(serverPath);
        var watchers = _watches.Materialize(type, path);
        if (watchers.Count == 0) return;
        var watchedEvent = new WatchedEvent(type, state, path);
        foreach (var watcher in watchers) _dispatcher.Enqueue(() => watcher(watchedEvent));
    }

    public void OnReplyZxid(long zxid) => _loop.OnReplyZxid(zxid);

    public void OnSessionEnded(Exception cause)
    {
        var finalState = cause is ZooKeeperException { Code: var code }
            ? code switch
            {
                ErrorCode.SessionExpired => ConnectionState.Expired,
                ErrorCode.AuthFailed => ConnectionState.AuthFailed,
                _ => ConnectionState.Closed,
            }
            : ConnectionState.Closed;
        Finish(finalState, cause);
    }

    public void Log(string message) => _log?.Invoke(message);
}
