using System;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>exists: ExistsRequest{path, watch} → Stat, or NoNode (an answer: null). Watch: data on Ok, exist on NoNode.</summary>
internal sealed class ExistsRequest : Request<Stat?>
{
    private readonly string _serverPath;
    private readonly WatchManager _watches;
    private readonly Action<WatchedEvent>? _watcher;

    public ExistsRequest(string path, Chroot chroot, WatchManager watches, Action<WatchedEvent>? watcher) : base(OpCode.Exists, path)
    {
        _serverPath = chroot.ToServer(path);
        _watches = watches;
        _watcher = watcher;
    }

    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(_serverPath);
        writer.WriteBool(_watcher is not null);
    }

    protected override Stat? ReadResult(JuteReader body) => body.ReadStat();

    protected override bool TryGetResultForError(ErrorCode error, out Stat? result)
    {
        result = null;
        return error == ErrorCode.NoNode;
    }

    protected override void OnReplyCode(ErrorCode error)
    {
        if (_watcher is null) return;
        if (error == ErrorCode.Ok) _watches.Add(WatchKind.Data, Path!, _watcher);
        else if (error == ErrorCode.NoNode) _watches.Add(WatchKind.Exist, Path!, _watcher);
    }
}
