using System;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>exists: ExistsRequest{path, watch} → Stat, or NoNode (an answer: null). Watch: data on Ok, exist on NoNode.</summary>
internal sealed class ExistsRequest : WatchingReadRequest<Stat?>
{
    public ExistsRequest(string path, Chroot chroot, WatchManager watches, Action<WatchedEvent>? watcher)
        : base(OpCode.Exists, path, chroot, watches, watcher)
    {
    }

    protected override Stat? ReadResult(JuteReader body) => body.ReadStat();

    protected override bool TryGetResultForError(ErrorCode error, out Stat? result)
    {
        result = null;
        return error == ErrorCode.NoNode;
    }

    protected override WatchKind? WatchSetBy(ErrorCode error) => error switch
    {
        ErrorCode.Ok => WatchKind.Data,
        ErrorCode.NoNode => WatchKind.Exist,
        _ => null,
    };
}
