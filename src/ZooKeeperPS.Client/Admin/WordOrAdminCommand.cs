using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client;

/// <summary>
/// Asks a server for something that it tells both as a four-letter word and as an AdminServer command (cons and
/// connections, dump and dump). With <see cref="ServerStatusSource.Auto"/>: the word on the client port, and the
/// command on <see cref="AdminPort"/> when 4lw.commands.whitelist refuses the word (by default it allows only srvr);
/// or only one of the two, as <see cref="Source"/> says. Both go through the same transport, so TLS applies to both.
/// </summary>
public sealed class WordOrAdminCommand<T>
{
    private readonly string _word;
    private readonly string _command;
    private readonly Func<HostEndpoint, string, T> _fromWord;
    private readonly Func<HostEndpoint, IReadOnlyDictionary<string, object?>, T> _fromCommand;
    private readonly FourLetterWordClient _words;
    private readonly AdminServerClient _admin;

    /// <param name="word">The four-letter word (cons, dump).</param>
    /// <param name="command">The AdminServer command that tells the same (connections, dump).</param>
    /// <param name="fromWord">What the word's answer says.</param>
    /// <param name="fromCommand">What the command's JSON object says.</param>
    /// <param name="transport">How to reach the servers; plain TCP (and HTTP) when null.</param>
    public WordOrAdminCommand(string word, string command, Func<HostEndpoint, string, T> fromWord,
        Func<HostEndpoint, IReadOnlyDictionary<string, object?>, T> fromCommand, IConnectionTransport? transport = null)
    {
        _word = word ?? throw new ArgumentNullException(nameof(word));
        _command = command ?? throw new ArgumentNullException(nameof(command));
        _fromWord = fromWord ?? throw new ArgumentNullException(nameof(fromWord));
        _fromCommand = fromCommand ?? throw new ArgumentNullException(nameof(fromCommand));
        _words = new FourLetterWordClient(transport);
        _admin = new AdminServerClient(transport);
    }

    public ServerStatusSource Source { get; set; } = ServerStatusSource.Auto;

    /// <summary>The AdminServer's port on every server (admin.serverPort).</summary>
    public int AdminPort { get; set; } = AdminServerClient.DefaultPort;

    /// <summary>
    /// What the server says, or the failure to ask: the transport's exception when it cannot be reached (a refused
    /// certificate too), an IOException when it does not serve or refuses every way of asking, TimeoutException after
    /// <paramref name="timeout"/> (for each of the two ways, so Auto may take twice as long).
    /// </summary>
    public async Task<T> AskAsync(HostEndpoint server, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        if (Source != ServerStatusSource.AdminServer)
        {
            var answer = await _words.SendAsync(server, _word, timeout, cancellationToken).ConfigureAwait(false);
            FourLetterWordClient.ThrowIfNotServing(server, answer);
            if (!FourLetterWordClient.IsRefused(answer)) return _fromWord(server, answer);
            if (Source == ServerStatusSource.FourLetterWords)
                throw new IOException($"{server} does not allow '{_word}': add it to the server's 4lw.commands.whitelist, or ask its AdminServer.");
        }

        var admin = new HostEndpoint(server.Host, AdminPort);
        try
        {
            return _fromCommand(server, await _admin.GetAsync(admin, _command, timeout, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (Source == ServerStatusSource.Auto && e is IOException or InvalidDataException or SocketException or TimeoutException)
        {
            // The refusal of the word is part of the story; a timeout stays a timeout.
            var message = $"{server} does not allow '{_word}' (4lw.commands.whitelist) and its AdminServer on port {AdminPort} did not answer '{_command}': {e.Message}";
            throw e is TimeoutException ? new TimeoutException(message, e) : new IOException(message, e);
        }
    }
}
