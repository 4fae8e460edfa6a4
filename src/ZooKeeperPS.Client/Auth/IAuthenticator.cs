using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;

namespace ZooKeeperPS.Client.Auth;

/// <summary>
/// Proves who the client is on each new connection. The handshake runs it after the ConnectResponse and before the
/// send loop starts, so every request waits until it has finished (as the Java client's ZooKeeperSaslClient makes
/// requests wait). Auth packets are one implementation; a SASL exchange (opcode 102) is meant to be another.
/// </summary>
internal interface IAuthenticator
{
    /// <summary>Throws ZooKeeperException(AuthFailed) when the server rejects the credentials; that ends the session.</summary>
    Task AuthenticateAsync(Handshake handshake, CancellationToken cancellationToken);
}
