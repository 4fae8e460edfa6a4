using System;
using System.Collections.Generic;
using System.Linq;
using ZooKeeperPS.Client.Auth;
using ZooKeeperPS.Client.Connection;

namespace ZooKeeperPS.Client.Session;

/// <summary>
/// What the session proves on every connection: at most one SASL login, then the auth packets, in the order they were
/// given or added. ZooKeeper keeps authentication per connection, so each new connection presents them all again.
/// A login added to a live session is kept only if the connection it succeeded on is still the current one: a
/// connection opened after it may have authenticated without it.
/// </summary>
internal sealed class SessionCredentials
{
    private readonly object _lock = new();
    private readonly List<AuthInfo> _packets;
    private readonly Func<ServerConnection?> _currentConnection;
    private SaslOptions? _sasl;
    private bool _saslLoginRunning;

    public SessionCredentials(ZooKeeperClientOptions options, Func<ServerConnection?> currentConnection)
    {
        _packets = new List<AuthInfo>(options.Auth);
        _sasl = options.Sasl;
        _currentConnection = currentConnection;
    }

    /// <summary>The identities proved, as scheme:id; never a secret.</summary>
    public IReadOnlyList<string> Identities
    {
        get
        {
            lock (_lock)
            {
                var identities = new List<string>();
                if (_sasl is not null) identities.Add("sasl:" + (_sasl.UserName ?? "(the principal of the Kerberos ticket)"));
                identities.AddRange(_packets.Select(credential => credential.ToString()));
                return identities;
            }
        }
    }

    /// <summary>An auth packet accepted during the session, to be presented again on every later connection.</summary>
    public void Remember(AuthInfo credential)
    {
        lock (_lock) _packets.Add(credential);
    }

    /// <summary>SASL first (as kazoo does), then the auth packets; the handshake runs them before the send loop, so using its xids is safe.</summary>
    public IReadOnlyList<IAuthenticator> Authenticators(HostEndpoint server, Func<int> nextXid)
    {
        var authenticators = new List<IAuthenticator>();
        lock (_lock)
        {
            if (_sasl is not null) authenticators.Add(new SaslAuthenticator(_sasl, server.Host, nextXid));
            if (_packets.Count > 0) authenticators.Add(new AuthPacketAuthenticator(_packets.ToArray()));
        }
        return authenticators;
    }

    /// <summary>
    /// Claims the session's one SASL login for a login on the live connection, which it returns. ZooKeeper keeps one SASL
    /// exchange per connection (a second one would fail there and drop the connection), so a session has at most one.
    /// </summary>
    public ServerConnection BeginSaslLogin()
    {
        lock (_lock)
        {
            if (_sasl is not null)
                throw new InvalidOperationException($"The session already has a SASL login ({_sasl}): ZooKeeper takes one SASL login per connection.");
            if (_saslLoginRunning) throw new InvalidOperationException("Another SASL login is under way on this session.");
            var connection = _currentConnection() ?? throw new ZooKeeperException(ErrorCode.ConnectionLoss, null,
                "the session is not connected, so the SASL login was not started; try again once it is.") { RequestSent = false };
            _saslLoginRunning = true;
            return connection;
        }
    }

    /// <summary>
    /// Keeps a login that succeeded on <paramref name="connection"/>; false (and not kept) when that connection is gone.
    /// Checked under the lock that <see cref="Authenticators"/> takes, which the loop calls only after the connection is
    /// no longer current: so either the next connection presents the login, or it is not kept.
    /// </summary>
    public bool KeepSaslLogin(SaslOptions sasl, ServerConnection connection)
    {
        lock (_lock)
        {
            _saslLoginRunning = false;
            if (_currentConnection() != connection) return false;
            _sasl = sasl;
            return true;
        }
    }

    /// <summary>Releases the claim of <see cref="BeginSaslLogin"/> after a login that failed.</summary>
    public void EndSaslLogin()
    {
        lock (_lock) _saslLoginRunning = false;
    }
}
