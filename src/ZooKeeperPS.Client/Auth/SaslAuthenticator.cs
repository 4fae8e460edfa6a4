using System;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;
using ZooKeeperPS.Client.Protocol;

namespace ZooKeeperPS.Client.Auth;

/// <summary>
/// A SASL login over opcode 102: GetSASLRequest{buffer token} answered by SetSASLResponse{buffer token}, sent as
/// ordinary requests with the session's xids, until the mechanism is satisfied. The server answers a failed login
/// with AuthFailed (SessionClosedRequireSaslAuth when it requires SASL) and closes the connection. During a connect
/// both end the session; a login added to a live session (<see cref="ExchangeAsync"/> through the session's queue)
/// fails alone, and the session reconnects without it.
/// </summary>
internal sealed class SaslAuthenticator : IAuthenticator
{
    private readonly SaslOptions _options;
    private readonly string _dialledHost;
    private readonly Func<int>? _nextXid;

    /// <summary>The session's xids (<paramref name="nextXid"/>) serve the handshake; a login on a live session passes null, its queue numbers the steps.</summary>
    public SaslAuthenticator(SaslOptions options, string dialledHost, Func<int>? nextXid)
    {
        _options = options;
        _dialledHost = dialledHost;
        _nextXid = nextXid;
    }

    public static string MechanismName(SaslMechanism mechanism) => mechanism == SaslMechanism.DigestMd5 ? "DIGEST-MD5" : "GSSAPI";

    public Task AuthenticateAsync(Handshake handshake, CancellationToken cancellationToken) =>
        ExchangeAsync(async token =>
        {
            var (error, body) = await handshake.RequestAsync(_nextXid!(), OpCode.Sasl, writer => writer.WriteBuffer(token), cancellationToken)
                .ConfigureAwait(false);
            return error == ErrorCode.Ok ? body.ReadBuffer() ?? Array.Empty<byte>() : throw Rejected(error);
        });

    /// <summary>
    /// Runs the login through <paramref name="send"/>, which sends one token and returns the server's answer (throwing
    /// <see cref="Rejected"/>'s exception for an error reply). Any failure of the login is ZooKeeperException(AuthFailed).
    /// </summary>
    public async Task ExchangeAsync(Func<byte[], Task<byte[]>> send)
    {
        var name = MechanismName(_options.Mechanism);
        using var mechanism = CreateMechanism();
        // A local failure (no ticket, an unknown principal) is final too: trying the next server cannot cure it.
        byte[]? token = Local(name, mechanism.Start);
        while (token is not null)
        {
            var challenge = await send(token).ConfigureAwait(false);
            token = Local(name, () => mechanism.Evaluate(challenge));
        }
    }

    /// <summary>The failure for the server's error reply to a step (AuthFailed, or SessionClosedRequireSaslAuth).</summary>
    public ZooKeeperException Rejected(ErrorCode error) => new(ErrorCode.AuthFailed, null,
        $"the server rejected the SASL {MechanismName(_options.Mechanism)} login{Who()}: it answered {error} ({ZooKeeperException.Describe(error).TrimEnd('.')}).");

    private T Local<T>(string name, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (SaslException e)
        {
            throw new ZooKeeperException(ErrorCode.AuthFailed, null, $"the SASL {name} login{Who()} failed: {e.Message}", e);
        }
    }

    private string Who() => _options.UserName is null ? "" : $" as '{_options.UserName}'";

    private ISaslMechanism CreateMechanism()
    {
        if (_options.Mechanism == SaslMechanism.DigestMd5)
        {
            return new DigestMd5Mechanism(_options.UserName!, _options.Password!, _options.ServiceName,
                _options.ServerName ?? SaslOptions.DefaultDigestServerName);
        }
        try
        {
            return new GssapiMechanism(_options.ServiceName + "/" + (_options.ServerName ?? _dialledHost), _options.UserName, _options.Password);
        }
        catch (SaslException e)
        {
            throw new ZooKeeperException(ErrorCode.AuthFailed, null, $"the SASL GSSAPI login{Who()} cannot start: {e.Message}", e);
        }
    }
}
