using System;

namespace ZooKeeperPS.Client;

/// <summary>A node's data and stat.</summary>
public sealed class DataResult
{
    public DataResult(byte[]? data, Stat stat)
    {
        Data = data ?? Array.Empty<byte>();
        IsNull = data is null;
        Stat = stat;
    }

    /// <summary>The node's bytes; empty (never null) when the node holds no data.</summary>
    public byte[] Data { get; }

    /// <summary>True when the server sent no data at all (a node created with null data), as opposed to empty data.</summary>
    public bool IsNull { get; }

    public Stat Stat { get; }
}
