using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client;

/// <summary>
/// How the client reaches a server: it opens a connected byte stream. Session connections and four-letter words
/// both go through it (<see cref="ZooKeeperClientOptions.Transport"/>, <see cref="FourLetterWordClient"/>), so plain
/// TCP (<see cref="TcpTransport"/>), TLS, a test's counting wrapper or a proxy all plug in here.
/// </summary>
public interface IConnectionTransport
{
    /// <summary>
    /// Connects to <paramref name="server"/>, or throws. The caller's connect timeout arrives as
    /// <paramref name="cancellationToken"/>: when it is cancelled the attempt must stop and throw. The stream must allow
    /// one read and one write at the same time (the receive and send loops; NetworkStream and SslStream do), and
    /// disposing it must close the connection and end a pending read. A refusal that no retry can cure (a TLS
    /// certificate either side does not accept) is an AuthenticationException: when every server gives one before
    /// the first session, the connect fails at once instead of waiting for its timeout.
    /// </summary>
    Task<Stream> ConnectAsync(HostEndpoint server, CancellationToken cancellationToken);
}
