using System;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Connection;

/// <summary>ZooKeeper's four-letter words: a fresh connection, four ASCII bytes, the server's text until it closes.</summary>
internal static class FourLetterWord
{
    private const int MaxAnswerChars = 64 * 1024;

    public static async Task<string> SendAsync(HostEndpoint server, string word, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var address = (await server.ResolveAsync().ConfigureAwait(false))[0];
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using (deadline.Token.Register(() => socket.Dispose()))
        {
            await socket.ConnectAsync(address, server.Port).ConfigureAwait(false);
            using var stream = new NetworkStream(socket, ownsSocket: false);
            var request = Encoding.ASCII.GetBytes(word);
            await stream.WriteAsync(request, 0, request.Length, deadline.Token).ConfigureAwait(false);
            var answer = new StringBuilder();
            var buffer = new byte[4096];
            int read;
            while (answer.Length < MaxAnswerChars
                   && (read = await stream.ReadAsync(buffer, 0, buffer.Length, deadline.Token).ConfigureAwait(false)) > 0)
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            return answer.ToString();
        }
    }
}
