using System;
using System.Net;
using System.Security;

namespace ZooKeeperPS.Client.Auth;

/// <summary>
/// GSSAPI (RFC 4752): Kerberos context tokens until the context is complete (mutual authentication), then the
/// security-layer step: the server's wrapped 4-byte offer is unwrapped and answered, wrapped, with "no security
/// layer", a maximum size of 0 and no authorization id (the server then uses the authenticated principal).
/// </summary>
internal sealed class GssapiMechanism : ISaslMechanism
{
    private const byte NoSecurityLayer = 1;

    private readonly NegotiateAuthenticationBridge _context;
    private bool _layerChosen;

    /// <param name="targetName">service/host, for example zookeeper/zk1.example.com.</param>
    /// <param name="principal">The principal of a password login (null: the default of the credential cache).</param>
    /// <param name="password">For a password login; null uses the ticket in the credential cache.</param>
    public GssapiMechanism(string targetName, string? principal, SecureString? password)
    {
        var credential = password is null ? null : new NetworkCredential(principal ?? "", password);
        _context = new NegotiateAuthenticationBridge(targetName, credential);
    }

    public byte[] Start() => _context.Step(null);

    public byte[]? Evaluate(byte[] challenge)
    {
        if (!_context.IsComplete) return _context.Step(challenge);
        if (_layerChosen) return null;
        var offer = _context.Unwrap(challenge);
        if (offer.Length != 4) throw new SaslException($"the server's security-layer offer is {offer.Length} bytes, not 4.");
        if ((offer[0] & NoSecurityLayer) == 0) throw new SaslException("the server insists on a security layer, which this client does not offer.");
        _layerChosen = true;
        return _context.Wrap(new byte[] { NoSecurityLayer, 0, 0, 0 });
    }

    public void Dispose() => _context.Dispose();
}
