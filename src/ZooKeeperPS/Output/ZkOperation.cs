using System;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// One operation of a transaction (Invoke-ZkTransaction): what New-ZkNode, Set-ZkNode, Remove-ZkNode and Test-ZkNode
/// queue inside its script block, or an operation built beforehand, for example
/// [ZooKeeperPS.ZkOperation]@{ Kind = 'Set'; Path = '/app/mode'; Value = 'on'; Version = 3 }, or a CSV row with
/// Kind, Path, Value and Version columns.
/// </summary>
public sealed class ZkOperation
{
    public ZkOperationKind Kind { get; set; }

    public string Path { get; set; } = "";

    /// <summary>The data of a Create or Set: a string (stored as UTF-8) or a byte array (stored as is).</summary>
    public object? Value { get; set; }

    /// <summary>The expected version of a Set, Delete or Check; -1 (the default) for any version.</summary>
    public int Version { get; set; } = -1;

    /// <summary>The kind of node a Create makes.</summary>
    public CreateMode Mode { get; set; } = CreateMode.Persistent;

    /// <summary>The ACL of a Create (New-ZkAcl); null for the default, open to everybody.</summary>
    public ZkAclEntry[]? Acl { get; set; }

    /// <summary>The time to live of a Create with a TTL mode.</summary>
    public TimeSpan? Ttl { get; set; }

    /// <summary>The client's operation; an ArgumentException for one that cannot be sent (a bad path, version or mode).</summary>
    internal Op ToOp()
    {
        if (string.IsNullOrEmpty(Path))
        {
            throw new ArgumentException("The operation has no Path.", "path");
        }
        return Kind switch
        {
            ZkOperationKind.Create => Op.Create(Path, NodeValue.ToBytes(Value, NodeValue.DefaultEncoding) ?? Array.Empty<byte>(), Mode,
                Acl is null ? null : ZkAclEntry.ToAcl(Acl), Ttl),
            ZkOperationKind.Set => Op.SetData(Path, NodeValue.ToBytes(Value, NodeValue.DefaultEncoding), Version),
            ZkOperationKind.Delete => Op.Delete(Path, Version),
            ZkOperationKind.Check => Op.Check(Path, Version),
            _ => throw new ArgumentException($"Unknown operation kind '{Kind}'.", "kind"),
        };
    }

    public override string ToString() => Version == -1 || Kind == ZkOperationKind.Create ? $"{Kind} {Path}" : $"{Kind} {Path} (version {Version})";
}
