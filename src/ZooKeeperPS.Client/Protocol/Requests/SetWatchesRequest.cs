using System.Collections.Generic;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>
/// setWatches / setWatches2: re-registers watches after a reconnect. {relativeZxid, data, exist, child} and, for
/// setWatches2 (3.6+), {persistent, persistentRecursive}. Paths are server paths (chroot included).
/// </summary>
internal sealed class SetWatchesRequest : EmptyResultRequest
{
    private readonly long _relativeZxid;
    private readonly WatchPaths _paths;

    public SetWatchesRequest(long relativeZxid, WatchPaths paths)
        : base(paths.HasPersistent ? OpCode.SetWatches2 : OpCode.SetWatches, null)
    {
        _relativeZxid = relativeZxid;
        _paths = paths;
    }

    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteLong(_relativeZxid);
        writer.WriteStrings(_paths.Data);
        writer.WriteStrings(_paths.Exist);
        writer.WriteStrings(_paths.Child);
        if (OpCode != OpCode.SetWatches2) return;
        writer.WriteStrings(_paths.Persistent);
        writer.WriteStrings(_paths.PersistentRecursive);
    }
}

/// <summary>One batch of watch paths, by kind.</summary>
internal sealed class WatchPaths
{
    public List<string> Data { get; } = new();
    public List<string> Exist { get; } = new();
    public List<string> Child { get; } = new();
    public List<string> Persistent { get; } = new();
    public List<string> PersistentRecursive { get; } = new();

    public bool HasPersistent => Persistent.Count > 0 || PersistentRecursive.Count > 0;

    public List<string> Of(Watches.WatchKind kind) => kind switch
    {
        Watches.WatchKind.Data => Data,
        Watches.WatchKind.Exist => Exist,
        Watches.WatchKind.Child => Child,
        Watches.WatchKind.Persistent => Persistent,
        _ => PersistentRecursive,
    };
}
