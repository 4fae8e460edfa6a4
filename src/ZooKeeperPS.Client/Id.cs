using System;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using ZooKeeperPS.Client.Auth;

namespace ZooKeeperPS.Client;

/// <summary>An identity in an ACL: a scheme (world, auth, digest, ip, ...) and the scheme's id.</summary>
public sealed class Id : IEquatable<Id>
{
    public Id(string scheme, string id)
    {
        Scheme = scheme ?? throw new ArgumentNullException(nameof(scheme));
        Identity = id ?? throw new ArgumentNullException(nameof(id));
    }

    public string Scheme { get; }

    public string Identity { get; }

    /// <summary>world:anyone, everybody.</summary>
    public static Id Anyone { get; } = new("world", "anyone");

    /// <summary>auth:"", which the server replaces by the caller's authenticated ids.</summary>
    public static Id AuthenticatedCaller { get; } = new("auth", "");

    /// <summary>
    /// The digest id of a user: <c>user:Base64(SHA1("user:password"))</c>, the password UTF-8 encoded. It is plain only
    /// while it is hashed, in a pinned array zeroed after.
    /// </summary>
    public static Id Digest(string user, SecureString password)
    {
        AuthInfo.CheckDigestUser(user);
        if (password is null) throw new ArgumentNullException(nameof(password));
        return DigestId(user, SecretBytes.WithUtf8(user + ":", password, Sha1));
    }

    /// <summary>The digest id of a user whose password is given as UTF-8 bytes.</summary>
    public static Id Digest(string user, byte[] password)
    {
        AuthInfo.CheckDigestUser(user);
        if (password is null) throw new ArgumentNullException(nameof(password));
        var prefix = Encoding.UTF8.GetBytes(user + ":");
        var hash = SecretBytes.WithPinned(prefix.Length + password.Length, bytes =>
        {
            Buffer.BlockCopy(prefix, 0, bytes, 0, prefix.Length);
            Buffer.BlockCopy(password, 0, bytes, prefix.Length, password.Length);
            return Sha1(bytes);
        });
        return DigestId(user, hash);
    }

    private static Id DigestId(string user, byte[] hash) => new("digest", user + ":" + Convert.ToBase64String(hash));

    private static byte[] Sha1(byte[] data)
    {
        using var sha1 = SHA1.Create();
        return sha1.ComputeHash(data);
    }

    public bool Equals(Id? other) => other is not null && other.Scheme == Scheme && other.Identity == Identity;

    public override bool Equals(object? obj) => Equals(obj as Id);

    public override int GetHashCode() => (Scheme.GetHashCode() * 397) ^ Identity.GetHashCode();

    public override string ToString() => Scheme + ":" + Identity;
}
