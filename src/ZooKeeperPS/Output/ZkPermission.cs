using System;

namespace ZooKeeperPS;

/// <summary>What an ACL entry allows, ZooKeeper's permission bits by name (zkCli's r, w, c, d, a).</summary>
[Flags]
public enum ZkPermission
{
    None = 0,

    /// <summary>Read the node's data and list its children.</summary>
    Read = 1,

    /// <summary>Set the node's data.</summary>
    Write = 2,

    /// <summary>Create children.</summary>
    Create = 4,

    /// <summary>Delete children.</summary>
    Delete = 8,

    /// <summary>Set the node's ACL.</summary>
    Admin = 16,

    All = Read | Write | Create | Delete | Admin,
}
