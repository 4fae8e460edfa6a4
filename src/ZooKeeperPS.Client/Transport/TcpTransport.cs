using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client;

/// <summary>Plain TCP (the default transport): tries each address the host resolves to, with Nagle off (requests are small and pipelined).</summary>
public sealed class TcpTransport : IConnectionTransport
{
    public async Task<Stream> ConnectAsync(HostEndpoint server, CancellationToken cancellationToken)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        var addresses = await server.ResolveAsync().ConfigureAwait(false);
        Exception? lastError = null;
        foreach (var address in addresses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                // ConnectAsync takes no token in netstandard: closing the socket is what stops it.
                using (cancellationToken.Register(socket.Dispose))
                {
                    await socket.ConnectAsync(address, server.Port).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e)
            {
                socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                lastError = e;
            }
        }

        throw lastError ?? new IOException($"{server.Host} has no address.");
    }
}
