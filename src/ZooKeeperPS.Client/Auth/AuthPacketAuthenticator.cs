using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;
using ZooKeeperPS.Client.Protocol;
using ZooKeeperPS.Client.Protocol.Requests;

namespace ZooKeeperPS.Client.Auth;

/// <summary>
/// The session's credentials as auth packets (xid -4, opcode 100; digest <c>user:password</c> and any other scheme
/// that takes plain bytes), one at a time, each answered before the next, so rejected credentials are reported to
/// the caller of ConnectAsync rather than to some later request.
/// </summary>
internal sealed class AuthPacketAuthenticator : IAuthenticator
{
    private readonly IReadOnlyList<AuthInfo> _credentials;

    public AuthPacketAuthenticator(IReadOnlyList<AuthInfo> credentials) => _credentials = credentials;

    public async Task AuthenticateAsync(Handshake handshake, CancellationToken cancellationToken)
    {
        foreach (var credential in _credentials)
        {
            var (error, _) = await handshake.RequestAsync(Xids.Auth, OpCode.Auth, writer => AuthRequest.WritePacket(writer, credential), cancellationToken)
                .ConfigureAwait(false);
            if (error == ErrorCode.AuthFailed)
                throw new ZooKeeperException(ErrorCode.AuthFailed, null, $"the server rejected the '{credential.Scheme}' credentials.");
            if (error != ErrorCode.Ok)
                throw new ZooKeeperException(error, null, $"the server refused the '{credential.Scheme}' credentials.");
        }
    }
}
