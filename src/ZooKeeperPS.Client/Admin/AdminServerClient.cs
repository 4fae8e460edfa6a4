using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Admin;

namespace ZooKeeperPS.Client;

/// <summary>
/// The AdminServer's commands (<c>http://host:adminPort/commands/&lt;command&gt;</c>, ZooKeeper 3.5+, Jetty): the same
/// facts as the four-letter words, as JSON, and answered whatever <c>4lw.commands.whitelist</c> says. One HTTP/1.1 GET
/// per call through the transport, so a <see cref="TlsTransport"/> makes it HTTPS (admin.forceHttps or
/// admin.portUnification) with the same certificate checks as the session.
/// </summary>
public sealed class AdminServerClient
{
    /// <summary>The AdminServer's port when admin.serverPort is not set.</summary>
    public const int DefaultPort = 8080;

    /// <param name="transport">How to reach the servers; plain TCP (HTTP) when null.</param>
    public AdminServerClient(IConnectionTransport? transport = null) => Transport = transport ?? new TcpTransport();

    public IConnectionTransport Transport { get; }

    /// <summary>
    /// Runs a command (monitor, server_stats, connections, dump, configuration, ...) and returns its JSON object:
    /// nested objects are dictionaries, arrays lists, numbers long or double. Fails with an IOException when the
    /// server answers with an HTTP error or the command reports one, with TimeoutException after <paramref name="timeout"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, object?>> GetAsync(HostEndpoint server, string command, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        if (string.IsNullOrEmpty(command) || command.IndexOfAny(new[] { '/', '?', ' ', '\r', '\n' }) >= 0)
            throw new ArgumentException($"'{command}' is not an AdminServer command name (monitor, server_stats, connections, ...).", nameof(command));
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string body;
        try
        {
            using var stream = await Transport.ConnectAsync(server, deadline.Token).ConfigureAwait(false);
            using (deadline.Token.Register(stream.Dispose))
            {
                var request = Encoding.ASCII.GetBytes(
                    $"GET /commands/{command} HTTP/1.1\r\nHost: {server}\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(request, 0, request.Length, deadline.Token).ConfigureAwait(false);
                body = HttpBody(server, command, await ReadToEndAsync(stream, server, deadline.Token).ConfigureAwait(false));
            }
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The AdminServer at {server} did not answer '{command}' within {timeout.TotalSeconds:0.###} s.", e);
        }

        if (JsonText.Parse(body) is not Dictionary<string, object?> answer)
            throw new InvalidDataException($"The AdminServer at {server} answered '{command}' with JSON that is not an object.");
        if (answer.TryGetValue("error", out var error) && error is string message)
            throw new IOException($"The AdminServer at {server} refused '{command}': {message}");
        return answer;
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream, HostEndpoint server, CancellationToken cancellationToken)
    {
        using var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (answer.Length + read > FourLetterWordClient.MaxAnswerBytes)
                throw new IOException($"The AdminServer at {server} answered with more than {FourLetterWordClient.MaxAnswerBytes} bytes.");
            answer.Write(buffer, 0, read);
        }
        return answer.ToArray();
    }

    /// <summary>The body of an HTTP/1.1 response (status 200, plain or chunked); anything else is an IOException.</summary>
    private static string HttpBody(HostEndpoint server, string command, byte[] response)
    {
        // A TLS record (an alert or a handshake) in answer to plain HTTP: Jetty's HTTPS-only connector refusing it.
        if (response.Length >= 3 && (response[0] == 0x15 || response[0] == 0x16) && response[1] == 0x03)
            throw new IOException($"{server} answered '{command}' in TLS, not HTTP: its AdminServer takes HTTPS only (admin.forceHttps), so ask it over TLS.");
        var headerEnd = IndexOf(response, new byte[] { 13, 10, 13, 10 }, 0);
        if (headerEnd < 0) throw new IOException($"{server} did not answer '{command}' as an HTTP server: is this its AdminServer port (admin.serverPort)?");
        var head = Encoding.ASCII.GetString(response, 0, headerEnd).Split(new[] { "\r\n" }, StringSplitOptions.None);
        var status = head[0].Split(' ');
        if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal))
            throw new IOException($"{server} did not answer '{command}' as an HTTP server: is this its AdminServer port (admin.serverPort)?");
        if (status[1] != "200")
            throw new IOException($"The AdminServer at {server} answered '{command}' with HTTP {string.Join(" ", status, 1, status.Length - 1)}.");

        var chunked = false;
        foreach (var line in head)
        {
            if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && line.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
                chunked = true;
        }
        var start = headerEnd + 4;
        return chunked ? Dechunk(server, response, start) : Encoding.UTF8.GetString(response, start, response.Length - start);
    }

    private static string Dechunk(HostEndpoint server, byte[] response, int at)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var lineEnd = IndexOf(response, new byte[] { 13, 10 }, at);
            if (lineEnd < 0) throw new IOException($"The AdminServer at {server} sent a truncated chunked answer.");
            var sizeText = Encoding.ASCII.GetString(response, at, lineEnd - at).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0 || lineEnd + 2 + size > response.Length)
                throw new IOException($"The AdminServer at {server} sent a malformed chunked answer.");
            if (size == 0) return Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
            body.Write(response, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        for (var i = from; i <= haystack.Length - needle.Length; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++) match = haystack[i + j] == needle[j];
            if (match) return i;
        }
        return -1;
    }
}
