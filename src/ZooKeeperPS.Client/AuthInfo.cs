using System;
using System.Security;
using ZooKeeperPS.Client.Auth;
using ZooKeeperPS.Client.Protocol;

namespace ZooKeeperPS.Client;

/// <summary>
/// A credential for ZooKeeper's auth packet: a scheme and its bytes. A digest password is kept in a read-only
/// SecureString and packed as <c>user:password</c> only while the packet is written (in a pinned array zeroed after),
/// so it never becomes a managed string; it is presented on every connection, so the session keeps it while it lives.
/// </summary>
public sealed class AuthInfo
{
    private readonly byte[]? _auth;
    private readonly SecureString? _password;
    private readonly bool _passwordIsUtf16;

    /// <summary>A credential of any scheme, as the bytes its server provider reads (they are copied, and not a secret to the client).</summary>
    public AuthInfo(string scheme, byte[] auth)
    {
        if (string.IsNullOrEmpty(scheme)) throw new ArgumentException("The auth scheme must not be empty.", nameof(scheme));
        Scheme = scheme;
        _auth = (byte[])(auth ?? throw new ArgumentNullException(nameof(auth))).Clone();
    }

    private AuthInfo(string user, SecureString password, bool passwordIsUtf16)
    {
        Scheme = "digest";
        User = user;
        _password = password;
        _passwordIsUtf16 = passwordIsUtf16;
    }

    public string Scheme { get; }

    /// <summary>The user of a digest credential; null for other schemes.</summary>
    public string? User { get; }

    /// <summary>The digest scheme's credential, <c>user:password</c> with the password UTF-8 encoded (a copy of it is kept).</summary>
    public static AuthInfo Digest(string user, SecureString password)
    {
        CheckDigestUser(user);
        if (password is null) throw new ArgumentNullException(nameof(password));
        var copy = password.Copy();
        copy.MakeReadOnly();
        return new AuthInfo(user, copy, passwordIsUtf16: true);
    }

    /// <summary>
    /// The digest scheme's credential with the password as bytes (UTF-8, as the server hashes them). The client keeps
    /// its own copy in a SecureString, so the caller may clear its array at once.
    /// </summary>
    public static AuthInfo Digest(string user, byte[] password)
    {
        CheckDigestUser(user);
        if (password is null) throw new ArgumentNullException(nameof(password));
        return new AuthInfo(user, SecretBytes.Store(password), passwordIsUtf16: false);
    }

    internal static void CheckDigestUser(string user)
    {
        if (string.IsNullOrEmpty(user) || user.IndexOf(':') >= 0)
            throw new ArgumentException("A digest user name must not be empty or contain ':'.", nameof(user));
    }

    /// <summary>Writes the auth bytes as a Jute buffer; a digest password is plain only during the call.</summary>
    internal void WriteAuth(JuteWriter writer)
    {
        if (_password is null)
        {
            writer.WriteBuffer(_auth);
            return;
        }

        Func<byte[], bool> write = bytes =>
        {
            writer.WriteBuffer(bytes);
            return true;
        };
        if (_passwordIsUtf16) SecretBytes.WithUtf8(User + ":", _password, write);
        else SecretBytes.WithRaw(User + ":", _password, write);
    }

    /// <summary>The scheme, and the user of a digest credential; never the password.</summary>
    public override string ToString() => User is null ? Scheme : Scheme + ":" + User;
}
