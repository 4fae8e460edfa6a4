using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ZooKeeperPS.Client;

/// <summary>
/// The limits of a quota, as ZooKeeper keeps them in /zookeeper/quota/&lt;path&gt;/zookeeper_limits (its StatsTrack text,
/// "count=10,bytes=-1=;byteHardLimit=-1;countHardLimit=-1"). -1 means no limit. Soft limits only log a warning on
/// the server; hard limits make it refuse the change (QuotaExceeded) when it runs with zookeeper.enforceQuota=true.
/// </summary>
public sealed class QuotaLimits
{
    /// <summary>The soft limit of nodes in the subtree (the node itself included).</summary>
    public long Count { get; set; } = -1;

    /// <summary>The soft limit of data bytes in the subtree.</summary>
    public long Bytes { get; set; } = -1;

    public long CountHardLimit { get; set; } = -1;

    public long ByteHardLimit { get; set; } = -1;

    /// <summary>Reads a StatsTrack text (zkCli 3.7+ and the older "count=N,bytes=M" form); unknown keys are skipped.</summary>
    public static QuotaLimits Parse(string text)
    {
        var values = ParseStatsTrack(text);
        long Get(string key) => values.TryGetValue(key, out var value) ? value : -1;
        return new QuotaLimits
        {
            Count = Get("count"),
            Bytes = Get("bytes"),
            CountHardLimit = Get("countHardLimit"),
            ByteHardLimit = Get("byteHardLimit"),
        };
    }

    /// <summary>
    /// The text zkCli writes: count and bytes first (which is all that servers before 3.7 read), then an "=" that
    /// makes those older parsers skip the rest, then the hard limits in key order.
    /// </summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "count={0},bytes={1}=;byteHardLimit={2};countHardLimit={3}", Count, Bytes, ByteHardLimit, CountHardLimit);

    internal byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    /// <summary>The key=value pairs of a StatsTrack text, separated by commas or semicolons; an empty value is -1.</summary>
    internal static Dictionary<string, long> ParseStatsTrack(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in text.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            if (parts.Length < 2 || parts[0].Length == 0)
            {
                continue;
            }
            values[parts[0]] = parts[1].Length == 0 ? -1
                : long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
                : throw new FormatException($"The quota text '{text}' has a value that is not a number: '{pair}'.");
        }
        return values;
    }
}
