using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// A znode's stat with exactly the field names ZooKeeper itself uses (zkCli's "stat", kazoo's ZnodeStat),
/// so operators find the names they already know.
/// </summary>
public sealed class ZkStat
{
    internal ZkStat(Stat stat)
    {
        czxid = stat.Czxid;
        mzxid = stat.Mzxid;
        ctime = stat.Ctime;
        mtime = stat.Mtime;
        version = stat.Version;
        cversion = stat.Cversion;
        aversion = stat.Aversion;
        ephemeralOwner = stat.EphemeralOwner;
        dataLength = stat.DataLength;
        numChildren = stat.NumChildren;
        pzxid = stat.Pzxid;
    }

#pragma warning disable IDE1006 // ZooKeeper's names, deliberately lower camel case.
    public long czxid { get; }
    public long mzxid { get; }
    public long ctime { get; }
    public long mtime { get; }
    public int version { get; }
    public int cversion { get; }
    public int aversion { get; }
    public long ephemeralOwner { get; }
    public int dataLength { get; }
    public int numChildren { get; }
    public long pzxid { get; }
#pragma warning restore IDE1006

    public override string ToString() =>
        $"czxid=0x{czxid:x} mzxid=0x{mzxid:x} version={version} cversion={cversion} aversion={aversion} " +
        $"ephemeralOwner=0x{ephemeralOwner:x} dataLength={dataLength} numChildren={numChildren} pzxid=0x{pzxid:x}";
}
