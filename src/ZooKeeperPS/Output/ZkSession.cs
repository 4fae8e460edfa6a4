using System;
using System.Linq;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// An open ZooKeeper session: what Connect-ZooKeeper returns and what -Session takes. It wraps the client and
/// collects the client's connection diagnostics for the next cmdlet's -Verbose stream.
/// </summary>
public sealed class ZkSession
{
    internal ZkSession(ZooKeeperClient client, ConnectionLog log)
    {
        Client = client;
        Log = log;
        client.StateChanged += (_, e) =>
            log.Add($"Session {FormatId(client.SessionId)}: {e.OldState} -> {e.NewState}" + (e.Server is null ? "" : $" ({e.Server})"));
    }

    internal ZooKeeperClient Client { get; }

    internal ConnectionLog Log { get; }

    /// <summary>The session id in ZooKeeper's usual hex form, e.g. 0x1000a3c2f5e0000.</summary>
    public string Id => FormatId(Client.SessionId);

    public long SessionId => Client.SessionId;

    public string ConnectionString => Client.ConnectionString;

    /// <summary>The server ("host:port") the session is connected to right now; null while disconnected.</summary>
    public string? Server => Client.ConnectedServer;

    public ConnectionState State => Client.State;

    /// <summary>
    /// The mode of <see cref="Server"/> (standalone, leader, follower, observer, read-only) as Get-ZkSession last
    /// learnt it from the server's srvr answer; null when not known (srvr not in the server's 4lw.commands.whitelist).
    /// </summary>
    public string? ServerMode { get; internal set; }

    /// <summary>The session timeout the server granted.</summary>
    public TimeSpan Timeout => Client.NegotiatedSessionTimeout;

    public string? Chroot => Client.Chroot;

    /// <summary>Whether the session's connections use TLS (Connect-ZooKeeper -UseTls).</summary>
    public bool Tls { get; internal set; }

    /// <summary>
    /// Who the session is authenticated as, scheme:id (sasl:bob, digest:alice, x509:CN=...): what the server said
    /// (whoAmI, ZooKeeper 3.7+) when the session authenticated, at Connect-ZooKeeper with credentials or a client
    /// certificate and after Add-ZkAuthentication; otherwise the identities the client presents. Never a secret.
    /// </summary>
    public string[] Identities => ServerIdentities ?? Client.Identities.ToArray();

    /// <summary>The server's answer to whoAmI after the last authentication; null when it has not been asked or did not say.</summary>
    internal string[]? ServerIdentities { get; set; }

    /// <summary>The TLS transport of the session (null for plain TCP), which the server cmdlets use to reach its members.</summary>
    internal IConnectionTransport? Transport { get; set; }

    internal static string FormatId(long id) => "0x" + id.ToString("x");

    public override string ToString() => $"{Id} ({ConnectionString})";
}
