using System;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>getChildren2: GetChildren2Request{path, watch} → GetChildren2Response{children, stat}. Watch: child, on Ok only.</summary>
internal sealed class GetChildrenRequest : Request<ChildrenResult>
{
    private readonly string _serverPath;
    private readonly WatchManager _watches;
    private readonly Action<WatchedEvent>? _watcher;

    public GetChildrenRequest(string path, Chroot chroot, WatchManager watches, Action<WatchedEvent>? watcher) : base(OpCode.GetChildren2, path)
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

    protected override ChildrenResult ReadResult(JuteReader body) => new(body.ReadStrings(), body.ReadStat());

    protected override void OnReplyCode(ErrorCode error)
    {
        if (_watcher is not null && error == ErrorCode.Ok) _watches.Add(WatchKind.Child, Path!, _watcher);
    }
}
