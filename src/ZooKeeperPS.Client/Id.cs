using System;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>The digest id of a user: <c>user:Base64(SHA1("user:password"))</c>.</summary>
    public static Id Digest(string user, string password)
    {
        if (string.IsNullOrEmpty(user) || user.IndexOf(':') >= 0)
            throw new ArgumentException("A digest user name must not be empty or contain ':'.", nameof(user));
        using var sha1 = SHA1.Create();
        var hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(user + ":" + (password ?? "")));
        return new Id("digest", user + ":" + Convert.ToBase64String(hash));
    }

    public bool Equals(Id? other) => other is not null && other.Scheme == Scheme && other.Identity == Identity;

    public override bool Equals(object? obj) => Equals(obj as Id);

    public override int GetHashCode() => (Scheme.GetHashCode() * 397) ^ Identity.GetHashCode();

    public override string ToString() => Scheme + ":" + Identity;
}
