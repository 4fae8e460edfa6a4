using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;
using ZooKeeperPS.Client.Session;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client;

/// <summary>
/// A ZooKeeper session. Calls may be issued concurrently without awaiting (they are pipelined and complete in
/// request order); watch callbacks and <see cref="StateChanged"/> run one at a time on a dispatch queue of their own.
/// Every Task-returning method reports its failures through the task, never by throwing synchronously: bad
/// arguments (an invalid path, data over MaxDataLength, a version below -1, ...) give a task faulted with an
/// ArgumentException before anything is sent, and a call on a closed session a task faulted with
/// <see cref="SessionClosedException"/>.
/// </summary>
#if NETSTANDARD2_1_OR_GREATER
public sealed partial class ZooKeeperClient : IDisposable, IAsyncDisposable
#else
public sealed partial class ZooKeeperClient : IDisposable
#endif
{
    private readonly ClientSession _session;
    private readonly Chroot _chroot;

    /// <summary>For the nodes the server keeps at fixed paths (quotas, /zookeeper/config), which the Java client also reaches outside the session's chroot.</summary>
    private static readonly Chroot NoChroot = new(null);
    private readonly WatchManager _watches = new();
    private readonly SerialDispatcher _dispatcher;
    private readonly int _maxDataLength;

    private ZooKeeperClient(ZooKeeperClientOptions options, ConnectionString connectionString)
    {
        ConnectionString = options.ConnectionString;
        Chroot = connectionString.Chroot;
        _chroot = new Chroot(connectionString.Chroot);
        _maxDataLength = options.MaxDataLength;
        JuteMaxBuffer = options.JuteMaxBuffer;
        var log = options.Log ?? (_ => { });
        _dispatcher = new SerialDispatcher(log);
        _session = new ClientSession(options, connectionString, _chroot, _watches, _dispatcher,
            (oldState, newState, server) => StateChanged?.Invoke(this, new ConnectionStateChangedEventArgs(oldState, newState, server)));
    }

    /// <summary>
    /// Opens a session. Fails with ZooKeeperException(ConnectionLoss) naming the servers when none answers within
    /// ConnectTimeout, ArgumentException for a malformed connection string, ZooKeeperException(AuthFailed) for bad credentials,
    /// and at once, without waiting for ConnectTimeout, System.Security.Authentication.AuthenticationException when every
    /// server refused TLS (its certificate is not accepted, or it does not accept the client's); it says why.
    /// </summary>
    public static async Task<ZooKeeperClient> ConnectAsync(ZooKeeperClientOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (options.SessionTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "SessionTimeout must be positive.");
        if (options.ConnectTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "ConnectTimeout must be positive.");
        if (options.MaxDataLength < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxDataLength must not be negative.");
        if (options.JuteMaxBuffer < 1024) throw new ArgumentOutOfRangeException(nameof(options), "JuteMaxBuffer must be at least 1024.");
        if (options.RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "RequestTimeout must be positive (or null: no request timeout).");
        if (options.Transport is null) throw new ArgumentException("Transport must not be null (the default is a TcpTransport).", nameof(options));
        var client = new ZooKeeperClient(options, Connection.ConnectionString.Parse(options.ConnectionString));
        await client._session.StartAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        return client;
    }

    public long SessionId => _session.SessionId;

    /// <summary>The session's password (a copy); with <see cref="SessionId"/> it lets another client resume the session.</summary>
    public byte[] SessionPassword => _session.Password;

    public TimeSpan NegotiatedSessionTimeout => _session.NegotiatedTimeout;

    public ConnectionState State => _session.State;

    /// <summary>The largest request (and reply) in bytes, from <see cref="ZooKeeperClientOptions.JuteMaxBuffer"/>: what batches must stay under.</summary>
    public int JuteMaxBuffer { get; }

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

    /// <summary>Adds credentials to the session; they are replayed after every reconnect. Rejected credentials end the session (AuthFailed).</summary>
    public async Task AddAuthAsync(AuthInfo auth, CancellationToken cancellationToken = default)
    {
        if (auth is null) throw new ArgumentNullException(nameof(auth));
        await _session.AddAuthAsync(auth, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A SASL login (DIGEST-MD5 or Kerberos) on the open session, as <see cref="ZooKeeperClientOptions.Sasl"/> does at
    /// connect; done again on every later connection. ZooKeeper takes one SASL login per connection, so a session that
    /// has one gives InvalidOperationException. A rejected login fails with ZooKeeperException(AuthFailed) naming the
    /// mechanism, and only the login fails: the server drops the connection and the session reconnects without it.
    /// While disconnected it fails with ConnectionLoss (nothing sent).
    /// </summary>
    public Task AddSaslAsync(SaslOptions sasl, CancellationToken cancellationToken = default) =>
        sasl is null ? Task.FromException(new ArgumentNullException(nameof(sasl))) : _session.AddSaslAsync(sasl, cancellationToken);

    /// <summary>
    /// The identities this client proves on every connection, as scheme:id (sasl:bob, digest:alice), in order; never a
    /// secret. The server may know the session by more (ip, x509 from a client certificate): <see cref="WhoAmIAsync"/>.
    /// </summary>
    public IReadOnlyList<string> Identities => _session.Identities;

    /// <summary>
    /// Closes the session (its ephemeral nodes go), waiting a bounded time (at most 5 s) for the server's reply, across
    /// a reconnect if need be. Idempotent; later calls fail with <see cref="SessionClosedException"/>.
    /// </summary>
    public Task CloseAsync(CancellationToken cancellationToken = default) => _session.CloseAsync(cancellationToken);

    /// <summary>Closes the session as <see cref="CloseAsync"/> does: the asynchronous counterpart of <see cref="Dispose"/>, which waits less.</summary>
    /// <remarks>
    /// It returns Task on every target (IAsyncDisposable, implemented on netstandard2.1, wants a ValueTask, which
    /// netstandard2.0 has only through an extra package), so the public surface is the same everywhere.
    /// </remarks>
    public Task DisposeAsync() => _session.CloseAsync(CancellationToken.None);

#if NETSTANDARD2_1_OR_GREATER
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
#endif

    /// <summary>
    /// Closes the session without blocking for long: while connected it sends closeSession and waits at most a second
    /// for the reply; while disconnected it does not wait for a reconnect (the server then ends the session by timeout).
    /// Use <see cref="DisposeAsync"/> or <see cref="CloseAsync"/> to wait for a clean close.
    /// </summary>
    public void Dispose() => _session.CloseQuickly();

    /// <summary>Drops the TCP connection as a network failure would; the client then reconnects (tests use it).</summary>
    internal void DropConnection() => _session.DropConnection();

    public override string ToString() => $"ZooKeeperClient(0x{SessionId:x}, {State}, {ConnectedServer ?? ConnectionString})";
}
