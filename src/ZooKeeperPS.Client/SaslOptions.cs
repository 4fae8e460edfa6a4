using System;
using System.Security;

namespace ZooKeeperPS.Client;

/// <summary>The SASL mechanisms the client speaks.</summary>
public enum SaslMechanism
{
    /// <summary>RFC 2831 with a user name and password from the server's JAAS DigestLoginModule.</summary>
    DigestMd5,

    /// <summary>Kerberos V5 through GSSAPI (RFC 4752): the current ticket, or a password login when a password is given.</summary>
    Gssapi,
}

/// <summary>
/// A SASL login (opcode 102) done on every connection before any other request. The password is kept as a read-only
/// copy of the given SecureString and is turned into plain characters only while a response is being computed.
/// </summary>
public sealed class SaslOptions
{
    /// <summary>ZooKeeper's SASL protocol name, the service part of the Kerberos principal and the digest-uri.</summary>
    public const string DefaultServiceName = "zookeeper";

    /// <summary>The server name ZooKeeper's DIGEST-MD5 server uses.</summary>
    public const string DefaultDigestServerName = "zk-sasl-md5";

    public SaslOptions(SaslMechanism mechanism, string? userName = null, SecureString? password = null)
    {
        if (mechanism == SaslMechanism.DigestMd5 && (string.IsNullOrEmpty(userName) || password is null))
            throw new ArgumentException("DIGEST-MD5 needs a user name and a password.", nameof(userName));
        Mechanism = mechanism;
        UserName = userName;
        Password = password?.Copy();
        Password?.MakeReadOnly();
    }

    public SaslMechanism Mechanism { get; }

    /// <summary>The DIGEST-MD5 user, or the Kerberos principal for a password login (null: the ticket's principal).</summary>
    public string? UserName { get; }

    internal SecureString? Password { get; }

    /// <summary>The SASL service name; <see cref="DefaultServiceName"/> unless the servers run under another one.</summary>
    public string ServiceName { get; set; } = DefaultServiceName;

    /// <summary>
    /// The server part of the target: for DIGEST-MD5 the digest-uri host (default <see cref="DefaultDigestServerName"/>);
    /// for Kerberos the host of the service principal ServiceName/host (default: the host each connection dials).
    /// </summary>
    public string? ServerName { get; set; }

    /// <summary>The mechanism's SASL name; the password is never part of it.</summary>
    public override string ToString() => Auth.SaslAuthenticator.MechanismName(Mechanism) + (UserName is null ? "" : " as " + UserName);
}
