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
    /// Incoming frames longer than this are a connection error, so a bad length never becomes a huge allocation. The
    /// default, 65 MiB, fits the largest reply a caller is expected to ask for: a multiRead of 16 nodes of up to 4 MiB
    /// each (a server with a raised jute.maxbuffer; the cmdlets read 16 nodes per multiRead) plus 1 MiB for the
    /// records around them. Tying it to the server's jute.maxbuffer is left for later.
    /// </summary>
    public int MaxFrameLength { get; set; } = DefaultMaxFrameLength;

    /// <summary>The default of <see cref="MaxFrameLength"/>: 16 × 4 MiB + 1 MiB.</summary>
    public const int DefaultMaxFrameLength = 16 * 4 * 1024 * 1024 + 1024 * 1024;

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
