using System;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>addWatch (3.6+): AddWatchRequest{path, mode} → ErrorResponse. The watch is registered locally on Ok.</summary>
internal sealed class AddWatchRequest : EmptyResultRequest
{
    private readonly string _serverPath;
    private readonly AddWatchMode _mode;
    private readonly WatchManager _watches;
    private readonly Action<WatchedEvent> _watcher;

    public AddWatchRequest(string path, Chroot chroot, AddWatchMode mode, WatchManager watches, Action<WatchedEvent> watcher)
        : base(OpCode.AddWatch, path)
    {
        _serverPath = chroot.ToServer(path);
        _mode = mode;
        _watches = watches;
        _watcher = watcher;
    }

    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(_serverPath);
        writer.WriteInt((int)_mode);
    }

    protected override bool ReadResult(JuteReader body)
    {
        body.ReadInt(); // ErrorResponse{err}: the header's code says it already
        return true;
    }

    protected override void OnReplyCode(ErrorCode error)
    {
        if (error != ErrorCode.Ok) return;
        _watches.Add(_mode == AddWatchMode.Persistent ? WatchKind.Persistent : WatchKind.PersistentRecursive, Path!, _watcher);
    }
}
