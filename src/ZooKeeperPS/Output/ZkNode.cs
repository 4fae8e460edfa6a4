using System;
using System.Text;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>A znode as the cmdlets emit it: its data (raw and decoded), its stat, and the session it came from.</summary>
public sealed class ZkNode
{
    internal ZkNode(ZkSession session, string path, byte[] data, Stat stat, Encoding encoding)
    {
        Session = session;
        Path = path;
        Data = data;
        Value = encoding.GetString(data);
        Stat = new ZkStat(stat);
    }

    public string Path { get; }

    /// <summary>The last path segment ("/" for the root).</summary>
    public string Name => Path == "/" ? "/" : Path.Substring(Path.LastIndexOf('/') + 1);

    /// <summary>The data decoded as text (UTF-8 unless -Encoding said otherwise).</summary>
    public string Value { get; }

    /// <summary>The data exactly as stored.</summary>
    public byte[] Data { get; }

    public int Version => Stat.version;

    public int ChildCount => Stat.numChildren;

    public int DataLength => Stat.dataLength;

    public DateTime Created => DateTimeOffset.FromUnixTimeMilliseconds(Stat.ctime).LocalDateTime;

    public DateTime Modified => DateTimeOffset.FromUnixTimeMilliseconds(Stat.mtime).LocalDateTime;

    /// <summary>The owning session's id in the same form as <see cref="ZkSession.Id"/>; null unless the node is ephemeral
    /// (the server shows 0 for every other kind, containers and TTL nodes included).</summary>
    public string? EphemeralOwner => Stat.ephemeralOwner != 0 ? ZkSession.FormatId(Stat.ephemeralOwner) : null;

    public ZkStat Stat { get; }

    /// <summary>The number of nodes below this one at any depth (Get-ZkNode -DescendantCount); null unless asked for.</summary>
    public int? DescendantCount { get; internal set; }

    public ZkSession Session { get; }

    public override string ToString() => Path;
}
