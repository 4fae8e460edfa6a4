using System;

namespace ZooKeeperPS.Client;

/// <summary>A znode's metadata, with ZooKeeper's own field names.</summary>
public sealed class Stat
{
    public Stat(long czxid, long mzxid, long ctime, long mtime, int version, int cversion, int aversion,
        long ephemeralOwner, int dataLength, int numChildren, long pzxid)
    {
        Czxid = czxid;
        Mzxid = mzxid;
        Ctime = ctime;
        Mtime = mtime;
        Version = version;
        Cversion = cversion;
        Aversion = aversion;
        EphemeralOwner = ephemeralOwner;
        DataLength = dataLength;
        NumChildren = numChildren;
        Pzxid = pzxid;
    }

    /// <summary>The zxid of the change that created the node.</summary>
    public long Czxid { get; }

    /// <summary>The zxid of the change that last modified the node's data.</summary>
    public long Mzxid { get; }

    /// <summary>Creation time, milliseconds since the Unix epoch.</summary>
    public long Ctime { get; }

    /// <summary>Last modification time, milliseconds since the Unix epoch.</summary>
    public long Mtime { get; }

    public int Version { get; }

    public int Cversion { get; }

    public int Aversion { get; }

    /// <summary>The owning session of an ephemeral node; 0 for other nodes (containers and TTL nodes use marker values).</summary>
    public long EphemeralOwner { get; }

    public int DataLength { get; }

    public int NumChildren { get; }

    /// <summary>The zxid of the change that last modified the node's children.</summary>
    public long Pzxid { get; }

    public DateTimeOffset Created => DateTimeOffset.FromUnixTimeMilliseconds(Ctime);

    public DateTimeOffset Modified => DateTimeOffset.FromUnixTimeMilliseconds(Mtime);

    public override string ToString() =>
        $"czxid=0x{Czxid:x} mzxid=0x{Mzxid:x} version={Version} cversion={Cversion} aversion={Aversion} " +
        $"ephemeralOwner=0x{EphemeralOwner:x} dataLength={DataLength} numChildren={NumChildren} pzxid=0x{Pzxid:x}";
}
