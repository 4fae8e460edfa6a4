using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client;

/// <summary>Settings for <see cref="ZooKeeperClient.ConnectAsync"/>.</summary>
public sealed class ZooKeeperClientOptions
{
    /// <summary><c>host:port[,host:port...][/chroot]</c>; IPv6 hosts in brackets (<c>[::1]:2181</c>); the default port is 2181.</summary>
    public string ConnectionString { get; set; } = "127.0.0.1:2181";

    /// <summary>Requested session timeout; the server clamps it to its own minimum and maximum.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="ZooKeeperClient.ConnectAsync"/> waits for the first session.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Accept a read-only server (one cut off from the quorum); writes then fail with NotReadOnly.</summary>
    public bool AllowReadOnly { get; set; }

    /// <summary>Data longer than this fails before it is sent (the server's default jute.maxbuffer is 1 MiB - 1).</summary>
    public int MaxDataLength { get; set; } = 0xFFFFF;

    /// <summary>
    /// The largest frame, in bytes after the length prefix, either way: the server's <c>jute.maxbuffer</c> (default
    /// 1,048,575), which the server compares with every request it reads (a longer one makes it drop the connection)
    /// and the Java client with every reply. A longer request fails before it is sent with an ArgumentException; a
    /// longer reply is a protocol error of the connection, except a multiRead's, which may add up many nodes: that one
    /// is skipped and its call fails with <see cref="ReplyTooLargeException"/> (the connection stays). Raise it
    /// together with the servers' setting.
    /// </summary>
    public int JuteMaxBuffer { get; set; } = DefaultJuteMaxBuffer;

    /// <summary>The default of <see cref="JuteMaxBuffer"/> and of the server's jute.maxbuffer: 1 MiB - 1.</summary>
    public const int DefaultJuteMaxBuffer = 0xFFFFF;

    /// <summary>
    /// How long a request may wait for its reply once sent (the Java client's <c>zookeeper.request.timeout</c>); null,
    /// the default, waits as long as the connection lives. A request over it fails with
    /// ZooKeeperException(RequestTimeout) and the connection is dropped (the client reconnects), as the Java client does.
    /// </summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>
    /// How connections are opened: plain TCP by default. Another <see cref="IConnectionTransport"/> (TLS, a test's
    /// wrapper, a proxy) is used for the session's connections and for its four-letter words (srvr, isro).
    /// </summary>
    public IConnectionTransport Transport { get; set; } = new TcpTransport();

    /// <summary>Credentials sent right after connecting and replayed after every reconnect.</summary>
    public IList<AuthInfo> Auth { get; } = new List<AuthInfo>();

    /// <summary>A SASL login done on every connection before the <see cref="Auth"/> packets and any request; null for none.</summary>
    public SaslOptions? Sasl { get; set; }

    /// <summary>To resume an existing session (with <see cref="SessionPassword"/>); 0 starts a new one.</summary>
    public long SessionId { get; set; }

    /// <summary>The 16-byte password of the session named by <see cref="SessionId"/> (<see cref="ZooKeeperClient.SessionPassword"/>).</summary>
    public byte[]? SessionPassword { get; set; }

    /// <summary>Connection diagnostics; called from a background thread.</summary>
    public Action<string>? Log { get; set; }
}
