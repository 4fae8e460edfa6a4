using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client;

/// <summary>Where <see cref="ServerStatusReader"/> and <see cref="WordOrAdminCommand{T}"/> ask a server.</summary>
public enum ServerStatusSource
{
    /// <summary>The four-letter words on the client port; the AdminServer's commands when the server's whitelist refuses them.</summary>
    Auto,

    /// <summary>Only the four-letter words on the client port.</summary>
    FourLetterWords,

    /// <summary>Only the AdminServer's commands.</summary>
    AdminServer,
}

/// <summary>
/// Reads a <see cref="ServerStatus"/> from one server. With <see cref="ServerStatusSource.Auto"/>: srvr and mntr on
/// the client port; when 4lw.commands.whitelist refuses them (by default it allows only srvr), the AdminServer's
/// monitor and server_stats on <see cref="AdminPort"/>; when that cannot be reached either, what srvr alone says.
/// Both go through the same transport, so TLS applies to both.
/// </summary>
public sealed class ServerStatusReader
{
    private readonly FourLetterWordClient _words;
    private readonly AdminServerClient _admin;

    /// <param name="transport">How to reach the servers; plain TCP when null.</param>
    public ServerStatusReader(IConnectionTransport? transport = null)
    {
        _words = new FourLetterWordClient(transport);
        _admin = new AdminServerClient(transport);
    }

    public ServerStatusSource Source { get; set; } = ServerStatusSource.Auto;

    /// <summary>The AdminServer's port on every server (admin.serverPort).</summary>
    public int AdminPort { get; set; } = AdminServerClient.DefaultPort;

    /// <summary>
    /// The server's status, or the failure to read it: the transport's exception when it cannot be reached, an
    /// IOException when it answers but does not serve (or refuses every way of asking), TimeoutException after <paramref name="timeout"/>.
    /// </summary>
    public async Task<ServerStatus> ReadAsync(HostEndpoint server, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        if (Source == ServerStatusSource.AdminServer) return await ReadAdminServerAsync(server, timeout, cancellationToken).ConfigureAwait(false);

        var srvr = await _words.SendAsync(server, "srvr", timeout, cancellationToken).ConfigureAwait(false);
        FourLetterWordClient.ThrowIfNotServing(server, srvr);
        var srvrRefused = FourLetterWordClient.IsRefused(srvr);
        var mntr = await _words.SendAsync(server, "mntr", timeout, cancellationToken).ConfigureAwait(false);
        FourLetterWordClient.ThrowIfNotServing(server, mntr);
        var mntrRefused = FourLetterWordClient.IsRefused(mntr);
        if (!srvrRefused && !mntrRefused) return ServerStatus.FromFourLetterWords(server, srvr, mntr);

        if (Source == ServerStatusSource.FourLetterWords)
        {
            if (!srvrRefused) return ServerStatus.FromFourLetterWords(server, srvr, null);
            throw new IOException($"{server} refuses srvr and mntr (4lw.commands.whitelist): ask its AdminServer, or allow them.");
        }

        try
        {
            return await ReadAdminServerAsync(server, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && !srvrRefused)
        {
            // srvr still gives the mode, zxid, latency, connections and node count.
            var status = ServerStatus.FromFourLetterWords(server, srvr, null);
            status.Notice = $"{server} refuses mntr (4lw.commands.whitelist) and its AdminServer on port {AdminPort} did not answer ({e.Message}): only srvr's facts are known.";
            return status;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException(
                $"{server} refuses srvr and mntr (4lw.commands.whitelist) and its AdminServer on port {AdminPort} did not answer: {e.Message}", e);
        }
    }

    private async Task<ServerStatus> ReadAdminServerAsync(HostEndpoint server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var admin = new HostEndpoint(server.Host, AdminPort);
        var monitor = await _admin.GetAsync(admin, "monitor", timeout, cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, object?> stats = await _admin.GetAsync(admin, "server_stats", timeout, cancellationToken).ConfigureAwait(false);
        return ServerStatus.FromAdminServer(server, monitor, stats);
    }
}
