using System.Collections.Generic;
using System.Text;

namespace ZooKeeperPS.Client;

/// <summary>A quota on a subtree: its limits and what the subtree uses now, as the server counts it.</summary>
public sealed class Quota
{
    internal Quota(string path, QuotaLimits limits, byte[]? usage)
    {
        Path = path;
        Limits = limits;
        var counted = usage is null ? new Dictionary<string, long>() : QuotaLimits.ParseStatsTrack(Encoding.UTF8.GetString(usage));
        Count = counted.TryGetValue("count", out var count) ? count : -1;
        Bytes = counted.TryGetValue("bytes", out var bytes) ? bytes : -1;
    }

    /// <summary>The path the quota is on (relative to the chroot, like every path of the session).</summary>
    public string Path { get; }

    public QuotaLimits Limits { get; }

    /// <summary>The nodes of the subtree, the node itself included (the server's zookeeper_stats); -1 when unknown.</summary>
    public long Count { get; }

    /// <summary>The data bytes of the subtree; -1 when unknown.</summary>
    public long Bytes { get; }
}
