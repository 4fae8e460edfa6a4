using System;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;

namespace ZooKeeperPS.Client.Session;

/// <summary>Learns a server's version from the <c>srvr</c> four-letter word ("Zookeeper version: 3.8.0-..., built on ...").</summary>
internal static class ServerVersionProbe
{
    private static readonly Regex VersionPattern = new(@"version:\s*(\d+)\.(\d+)\.(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The version, or null when the server does not say (srvr not allowed, no answer in time).</summary>
    public static async Task<Version?> GetAsync(HostEndpoint server, TimeSpan timeout)
    {
        try
        {
            var text = await FourLetterWordAsync(server, "srvr", timeout).ConfigureAwait(false);
            return Parse(text);
        }
        catch (Exception)
        {
            return null;
        }
    }

    public static Version? Parse(string srvrOutput)
    {
        var match = VersionPattern.Match(srvrOutput);
        if (!match.Success) return null;
        return new Version(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value));
    }

    private static async Task<string> FourLetterWordAsync(HostEndpoint server, string word, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        using (deadline.Token.Register(() => client.Dispose()))
        {
            await client.ConnectAsync(server.Host, server.Port).ConfigureAwait(false);
            var stream = client.GetStream();
            var request = Encoding.ASCII.GetBytes(word);
            await stream.WriteAsync(request, 0, request.Length, deadline.Token).ConfigureAwait(false);
            var answer = new StringBuilder();
            var buffer = new byte[4096];
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, deadline.Token).ConfigureAwait(false)) > 0 && answer.Length < 64 * 1024)
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            return answer.ToString();
        }
    }
}
