using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client;

/// <summary>
/// ZooKeeper's four-letter words (ruok, srvr, stat, mntr, conf, cons, envi, wchs, isro, ...): a fresh connection
/// through the transport, four ASCII letters, then the server's text until it closes the connection. A server
/// answers only the words in its <c>4lw.commands.whitelist</c> (by default just srvr); any other word gets
/// "... is not executed because it is not in the whitelist." as its answer. Like every public method of this
/// library, <see cref="SendAsync(HostEndpoint, string, TimeSpan, CancellationToken)"/> reports bad arguments as a
/// faulted task.
/// </summary>
public sealed class FourLetterWordClient
{
    private const string NotInWhitelist = "is not executed because it is not in the whitelist";
    private const string NotServing = "not currently serving requests";

    /// <summary>An answer longer than this fails with an IOException instead of being cut short (wchc/dump of a large server can be megabytes).</summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    /// <param name="transport">How to reach the servers; plain TCP when null.</param>
    public FourLetterWordClient(IConnectionTransport? transport = null) => Transport = transport ?? new TcpTransport();

    public IConnectionTransport Transport { get; }

    /// <summary>Whether the answer is the server's refusal of a word that its 4lw.commands.whitelist does not allow.</summary>
    public static bool IsRefused(string answer) => answer.Contains(NotInWhitelist);

    /// <summary>Fails with an IOException when the answer says that the server does not serve (no quorum, or still starting).</summary>
    internal static void ThrowIfNotServing(HostEndpoint server, string answer)
    {
        if (answer.Contains(NotServing)) throw new IOException($"{server} is running but not serving requests (no quorum, or still starting).");
    }

    /// <summary>Sends the word to <paramref name="server"/> (<c>host</c>, <c>host:port</c> or <c>[IPv6]:port</c>; port 2181 by default).</summary>
    public async Task<string> SendAsync(string server, string word, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await SendAsync(HostEndpoint.Parse(server), word, timeout, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Sends the word and returns the server's whole answer. Throws TimeoutException when the answer has not ended
    /// within <paramref name="timeout"/>, OperationCanceledException when <paramref name="cancellationToken"/> is
    /// cancelled, and the transport's exception (SocketException, IOException, ...) when the server cannot be reached.
    /// </summary>
    public async Task<string> SendAsync(HostEndpoint server, string word, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        CheckWord(word);
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var stream = await Transport.ConnectAsync(server, deadline.Token).ConfigureAwait(false);
            // Some streams ignore the token on reads (.NET Framework's NetworkStream): closing the stream ends them.
            using (deadline.Token.Register(stream.Dispose))
            {
                var request = Encoding.ASCII.GetBytes(word);
                await stream.WriteAsync(request, 0, request.Length, deadline.Token).ConfigureAwait(false);
                return await ReadToEndAsync(stream, server, word, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{server} did not answer '{word}' within {timeout.TotalSeconds:0.###} s.", e);
        }
    }

    private static void CheckWord(string word)
    {
        if (word is null) throw new ArgumentNullException(nameof(word));
        if (word.Length != 4) throw new ArgumentException($"'{word}' is not a four-letter word.", nameof(word));
        foreach (var letter in word)
        {
            if (letter is < 'a' or > 'z')
                throw new ArgumentException($"'{word}' is not a four-letter word (lower-case ASCII letters, as ruok or srvr).", nameof(word));
        }
    }

    private static async Task<string> ReadToEndAsync(Stream stream, HostEndpoint server, string word, CancellationToken cancellationToken)
    {
        using var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (answer.Length + read > MaxAnswerBytes)
                throw new IOException($"{server} answered '{word}' with more than {MaxAnswerBytes} bytes ({nameof(MaxAnswerBytes)}).");
            answer.Write(buffer, 0, read);
        }

        // The server writes text in its platform charset; paths in wchp/wchc may be any Unicode, so UTF-8 is the best guess.
        return Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length);
    }
}
