using System;
using System.Collections.Generic;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// One ensemble member as Get-ZkServer reports it: its mode and load from srvr/mntr or the AdminServer, or, for a
/// member that could not be asked, its address and <see cref="Error"/>. Figures the member did not give are null.
/// </summary>
public sealed class ZkServer
{
    private static readonly IReadOnlyDictionary<string, string> NoMetrics = new Dictionary<string, string>();
    private readonly ServerStatus? _status;

    internal ZkServer(HostEndpoint server, long? id, ServerStatus? status, string? error)
    {
        Server = server.ToString();
        Id = id;
        _status = status;
        Error = error;
    }

    /// <summary>host:port of the member's client port (the one asked).</summary>
    public string Server { get; }

    /// <summary>The server id (myid) when the ensemble's configuration names the member.</summary>
    public long? Id { get; }

    /// <summary>leader, follower, observer, standalone or read-only; null when the member could not be asked.</summary>
    public string? Mode => _status?.Mode;

    /// <summary>Whether the member answered and serves clients as part of a quorum (or standalone); false for read-only.</summary>
    public bool Serving => Mode is "leader" or "follower" or "observer" or "standalone";

    /// <summary>The server's version, e.g. 3.8.0.</summary>
    public string? Version => _status?.Version is { } text ? text.Split('-', ',')[0].Trim() : null;

    /// <summary>The last zxid the member processed; its high 32 bits are the leader's epoch.</summary>
    public long? Zxid => _status?.Zxid;

    /// <summary>The zxid as ZooKeeper writes it, 0x....</summary>
    public string? ZxidHex => Zxid is { } zxid ? "0x" + zxid.ToString("x") : null;

    public long? MinLatency => _status?.MinLatency;

    public double? AverageLatency => _status?.AverageLatency;

    public long? MaxLatency => _status?.MaxLatency;

    public long? OutstandingRequests => _status?.OutstandingRequests;

    public long? Connections => _status?.Connections;

    public long? ZnodeCount => _status?.ZnodeCount;

    public long? WatchCount => _status?.WatchCount;

    public long? EphemeralsCount => _status?.EphemeralsCount;

    /// <summary>The approximate size of all data in bytes.</summary>
    public long? ApproximateDataSize => _status?.ApproximateDataSize;

    public long? OpenFileDescriptors => _status?.OpenFileDescriptors;

    public long? MaxFileDescriptors => _status?.MaxFileDescriptors;

    /// <summary>The leader's followers and observers; null on other members.</summary>
    public long? Followers => _status?.Followers;

    /// <summary>The leader's followers in sync; null on other members.</summary>
    public long? SyncedFollowers => _status?.SyncedFollowers;

    /// <summary>Where the figures came from: srvr+mntr, srvr (mntr not allowed) or AdminServer.</summary>
    public string? Source => _status?.Source;

    /// <summary>Every figure the member gave, by its mntr name without the zk_ prefix.</summary>
    public IReadOnlyDictionary<string, string> Metrics => _status?.Metrics ?? NoMetrics;

    /// <summary>Why some figures are missing although the member answered (mntr refused, the AdminServer not reached); null otherwise.</summary>
    public string? Notice => _status?.Notice;

    /// <summary>Why the member could not be asked (unreachable, not serving, refused); null when it answered.</summary>
    public string? Error { get; }

    public override string ToString() => $"{Server} {Mode ?? Error}";
}
