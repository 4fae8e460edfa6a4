using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>A quota on a subtree as Get-ZkQuota emits it: the usage the server counts against each limit.</summary>
public sealed class ZkQuota
{
    internal ZkQuota(ZkSession session, Quota quota)
    {
        Session = session;
        Path = quota.Path;
        Count = quota.Count;
        Bytes = quota.Bytes;
        CountLimit = Limit(quota.Limits.Count);
        ByteLimit = Limit(quota.Limits.Bytes);
        CountHardLimit = Limit(quota.Limits.CountHardLimit);
        ByteHardLimit = Limit(quota.Limits.ByteHardLimit);
    }

    /// <summary>The node the quota is on; it covers the node and everything below it.</summary>
    public string Path { get; }

    /// <summary>The nodes of the subtree now, the node itself included.</summary>
    public long Count { get; }

    /// <summary>The bytes of data in the subtree now.</summary>
    public long Bytes { get; }

    /// <summary>The soft limit of nodes (exceeding it only logs a warning on the server); null for none.</summary>
    public long? CountLimit { get; }

    /// <summary>The soft limit of bytes; null for none.</summary>
    public long? ByteLimit { get; }

    /// <summary>The hard limit of nodes (a server with zookeeper.enforceQuota=true refuses to exceed it); null for none.</summary>
    public long? CountHardLimit { get; }

    /// <summary>The hard limit of bytes; null for none.</summary>
    public long? ByteHardLimit { get; }

    /// <summary>Whether the usage is above one of the limits, soft or hard.</summary>
    public bool Exceeded =>
        Count > (CountLimit ?? long.MaxValue) || Count > (CountHardLimit ?? long.MaxValue)
        || Bytes > (ByteLimit ?? long.MaxValue) || Bytes > (ByteHardLimit ?? long.MaxValue);

    public ZkSession Session { get; }

    public override string ToString() => Path;

    private static long? Limit(long value) => value < 0 ? null : value;
}
