using System;
using System.Collections.Generic;
using System.Globalization;

namespace ZooKeeperPS.Client;

/// <summary>
/// What one server says about itself (srvr and mntr, or the AdminServer's server_stats and monitor): its mode in the
/// ensemble and its load. A fact the server did not give (mntr refused, an older server, a figure only the leader
/// has) is null.
/// </summary>
public sealed class ServerStatus
{
    private readonly Dictionary<string, string> _metrics;

    internal ServerStatus(HostEndpoint server, string source, Dictionary<string, string> metrics, long? zxid)
    {
        Server = server;
        Source = source;
        _metrics = metrics;
        Zxid = zxid;
        Mode = Text("server_state");
        Version = Text("version");
    }

    public HostEndpoint Server { get; }

    /// <summary>Where the facts came from: "srvr+mntr", "srvr" (mntr not allowed) or "AdminServer".</summary>
    public string Source { get; }

    /// <summary>leader, follower, observer, standalone or read-only.</summary>
    public string? Mode { get; }

    /// <summary>The server's version line, e.g. "3.8.0-..., built on ...".</summary>
    public string? Version { get; }

    /// <summary>The last zxid the server processed.</summary>
    public long? Zxid { get; }

    public long? MinLatency => Whole("min_latency");

    public double? AverageLatency => Real("avg_latency");

    public long? MaxLatency => Whole("max_latency");

    public long? OutstandingRequests => Whole("outstanding_requests");

    public long? Connections => Whole("num_alive_connections");

    public long? ZnodeCount => Whole("znode_count");

    public long? WatchCount => Whole("watch_count");

    public long? EphemeralsCount => Whole("ephemerals_count");

    public long? ApproximateDataSize => Whole("approximate_data_size");

    public long? OpenFileDescriptors => Whole("open_file_descriptor_count");

    public long? MaxFileDescriptors => Whole("max_file_descriptor_count");

    public long? PacketsReceived => Whole("packets_received");

    public long? PacketsSent => Whole("packets_sent");

    /// <summary>The leader's learners (followers and observers); null on other members.</summary>
    public long? Followers => Whole("followers") ?? Whole("learners");

    /// <summary>The leader's followers in sync; null on other members.</summary>
    public long? SyncedFollowers => Whole("synced_followers");

    /// <summary>Why some facts are missing (mntr refused and the AdminServer not reached), or null.</summary>
    public string? Notice { get; internal set; }

    /// <summary>Every figure the server gave, by its mntr name without the zk_ prefix (the AdminServer's monitor names).</summary>
    public IReadOnlyDictionary<string, string> Metrics => _metrics;

    private string? Text(string key) => _metrics.TryGetValue(key, out var value) ? value : null;

    private long? Whole(string key) =>
        _metrics.TryGetValue(key, out var value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private double? Real(string key) =>
        _metrics.TryGetValue(key, out var value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>From the answers to srvr and (when allowed) mntr.</summary>
    internal static ServerStatus FromFourLetterWords(HostEndpoint server, string srvr, string? mntr)
    {
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        long? zxid = null;
        foreach (var line in Lines(srvr))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line.Substring(0, colon).Trim();
            var value = line.Substring(colon + 1).Trim();
            switch (key)
            {
                case "Zookeeper version": metrics["version"] = value; break;
                case "Mode": metrics["server_state"] = value; break;
                case "Outstanding": metrics["outstanding_requests"] = value; break;
                case "Connections": metrics["num_alive_connections"] = value; break;
                case "Node count": metrics["znode_count"] = value; break;
                case "Received": metrics["packets_received"] = value; break;
                case "Sent": metrics["packets_sent"] = value; break;
                case "Zxid": zxid = ParseZxid(value); break;
                case "Latency min/avg/max":
                    var parts = value.Split('/');
                    if (parts.Length == 3)
                    {
                        metrics["min_latency"] = parts[0];
                        metrics["avg_latency"] = parts[1];
                        metrics["max_latency"] = parts[2];
                    }
                    break;
            }
        }
        if (mntr is not null)
        {
            foreach (var line in Lines(mntr))
            {
                var tab = line.IndexOf('\t');
                if (tab <= 0) continue;
                var key = line.Substring(0, tab);
                metrics[key.StartsWith("zk_", StringComparison.Ordinal) ? key.Substring(3) : key] = line.Substring(tab + 1).Trim();
            }
        }
        return new ServerStatus(server, mntr is null ? "srvr" : "srvr+mntr", metrics, zxid);
    }

    /// <summary>From the AdminServer's monitor and server_stats answers.</summary>
    internal static ServerStatus FromAdminServer(HostEndpoint server, IReadOnlyDictionary<string, object?> monitor, IReadOnlyDictionary<string, object?> stats)
    {
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in monitor)
        {
            if (entry.Value is string or long or double or bool) metrics[entry.Key] = Invariant(entry.Value);
        }
        long? zxid = null;
        if (stats.TryGetValue("server_stats", out var nested) && nested is IReadOnlyDictionary<string, object?> serverStats
            && serverStats.TryGetValue("last_processed_zxid", out var last) && last is long processed)
        {
            zxid = processed;
        }
        return new ServerStatus(server, "AdminServer", metrics, zxid);
    }

    internal static long? ParseZxid(string text)
    {
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text.Substring(2);
        return long.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var zxid) ? zxid : null;
    }

    private static string Invariant(object? value) => value switch
    {
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static IEnumerable<string> Lines(string text) => text.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
}
