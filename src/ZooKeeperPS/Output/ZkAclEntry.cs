using System.Collections.Generic;
using System.Linq;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// One entry of a znode's ACL: who (a scheme and the scheme's id) may do what. Get-ZkAcl emits them with the node's
/// path and ACL version; New-ZkAcl builds them (without path or version) for Set-ZkAcl and New-ZkNode -Acl.
/// </summary>
public sealed class ZkAclEntry
{
    internal ZkAclEntry(string scheme, string id, ZkPermission permissions, string? path = null, int? aclVersion = null)
    {
        Scheme = scheme;
        Id = id;
        Permissions = permissions;
        Path = path;
        AclVersion = aclVersion;
    }

    /// <summary>The node the entry was read from; null for an entry built by New-ZkAcl.</summary>
    public string? Path { get; }

    /// <summary>world, auth, digest, ip, x509, sasl or another scheme of the server.</summary>
    public string Scheme { get; }

    /// <summary>The identity within the scheme: anyone, user:hash for digest, an address for ip, a DN for x509.</summary>
    public string Id { get; }

    public ZkPermission Permissions { get; }

    /// <summary>The permissions as zkCli's getAcl prints them: cdrwa for All, r for Read.</summary>
    public string Letters => PermissionLetters.Format(Permissions);

    /// <summary>The node's ACL version (its stat's aversion) when it was read: what Set-ZkAcl -Version expects.</summary>
    public int? AclVersion { get; }

    internal Acl ToAcl() => new((Perms)(int)Permissions, new Client.Id(Scheme, Id));

    internal static IReadOnlyList<Acl> ToAcl(IEnumerable<ZkAclEntry> entries) => entries.Select(entry => entry.ToAcl()).ToList();

    internal static IEnumerable<ZkAclEntry> FromAcl(string path, AclResult read) =>
        read.Acl.Select(acl => new ZkAclEntry(acl.Id.Scheme, acl.Id.Identity, (ZkPermission)(int)acl.Perms, path, read.Stat.Aversion));

    /// <summary>scheme:id:letters, as zkCli's setAcl takes an entry (world:anyone:cdrwa).</summary>
    public override string ToString() => $"{Scheme}:{Id}:{Letters}";
}
