using System;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>
/// The reads that may leave a watch (exists, getData, getChildren2): all send {path, watch}; each decides from the
/// reply code which watch, if any, it registers.
/// </summary>
internal abstract class WatchingReadRequest<T> : Request<T>
{
    private readonly string _serverPath;
    private readonly WatchManager _watches;
    private readonly Action<WatchedEvent>? _watcher;

    protected WatchingReadRequest(OpCode opCode, string path, Chroot chroot, WatchManager watches, Action<WatchedEvent>? watcher)
        : base(opCode, path)
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

    /// <summary>The watch this reply code sets, or null for none.</summary>
    protected abstract WatchKind? WatchSetBy(ErrorCode error);

    protected sealed override void OnReplyCode(ErrorCode error)
    {
        if (_watcher is not null && WatchSetBy(error) is { } kind) _watches.Add(kind, Path!, _watcher);
    }
}
