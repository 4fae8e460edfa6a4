using System;

namespace ZooKeeperPS.Client;

/// <summary>A node's data and stat.</summary>
public sealed class DataResult
{
    public DataResult(byte[]? data, Stat stat)
    {
        Data = data ?? Array.Empty<byte>();
        Stat = stat;
    }

    /// <summary>The node's bytes; empty (never null) when the node holds no data.</summary>
    public byte[] Data { get; }

    public Stat Stat { get; }
}
