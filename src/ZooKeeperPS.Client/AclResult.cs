using System.Collections.Generic;

namespace ZooKeeperPS.Client;

/// <summary>A node's ACL and stat.</summary>
public sealed class AclResult
{
    public AclResult(IReadOnlyList<Acl> acl, Stat stat)
    {
        Acl = acl;
        Stat = stat;
    }

    public IReadOnlyList<Acl> Acl { get; }

    public Stat Stat { get; }
}
