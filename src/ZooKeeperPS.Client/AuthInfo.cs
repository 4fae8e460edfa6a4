using System;
using System.Text;

namespace ZooKeeperPS.Client;

/// <summary>A credential for ZooKeeper's auth packet: a scheme and its opaque bytes.</summary>
public sealed class AuthInfo
{
    public AuthInfo(string scheme, byte[] auth)
    {
        if (string.IsNullOrEmpty(scheme)) throw new ArgumentException("The auth scheme must not be empty.", nameof(scheme));
        Scheme = scheme;
        Auth = auth ?? throw new ArgumentNullException(nameof(auth));
    }

    public string Scheme { get; }

    public byte[] Auth { get; }

    /// <summary>The digest scheme's credential, <c>user:password</c>.</summary>
    public static AuthInfo Digest(string user, string password)
    {
        if (string.IsNullOrEmpty(user) || user.IndexOf(':') >= 0)
            throw new ArgumentException("A digest user name must not be empty or contain ':'.", nameof(user));
        return new AuthInfo("digest", Encoding.UTF8.GetBytes(user + ":" + (password ?? "")));
    }

    public override string ToString() => Scheme;
}
