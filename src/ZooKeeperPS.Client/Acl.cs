using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client;

/// <summary>One ACL entry: what an identity may do.</summary>
public sealed class Acl : IEquatable<Acl>
{
    public Acl(Perms perms, Id id)
    {
        Perms = perms;
        Id = id ?? throw new ArgumentNullException(nameof(id));
    }

    public Perms Perms { get; }

    public Id Id { get; }

    /// <summary>Everything for everybody (ZooKeeper's OPEN_ACL_UNSAFE).</summary>
    public static IReadOnlyList<Acl> OpenUnsafe { get; } = new[] { new Acl(Perms.All, Id.Anyone) };

    /// <summary>Everything for the authenticated caller only (CREATOR_ALL_ACL); needs prior authentication.</summary>
    public static IReadOnlyList<Acl> CreatorAll { get; } = new[] { new Acl(Perms.All, Id.AuthenticatedCaller) };

    /// <summary>Read for everybody (READ_ACL_UNSAFE).</summary>
    public static IReadOnlyList<Acl> ReadUnsafe { get; } = new[] { new Acl(Perms.Read, Id.Anyone) };

    public bool Equals(Acl? other) => other is not null && other.Perms == Perms && other.Id.Equals(Id);

    public override bool Equals(object? obj) => Equals(obj as Acl);

    public override int GetHashCode() => ((int)Perms * 397) ^ Id.GetHashCode();

    public override string ToString() => $"{Id}:{Perms}";
}
