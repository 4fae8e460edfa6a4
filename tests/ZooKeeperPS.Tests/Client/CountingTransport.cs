using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>A transport of the test's own: plain TCP underneath, counting every connection it is asked for.</summary>
internal sealed class CountingTransport : IConnectionTransport
{
    private readonly TcpTransport _tcp = new();
    private int _connections;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The servers asked for, in order.</summary>
    public ConcurrentQueue<HostEndpoint> Servers { get; } = new();

    public Task<Stream> ConnectAsync(HostEndpoint server, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connections);
        Servers.Enqueue(server);
        return _tcp.ConnectAsync(server, cancellationToken);
    }
}
