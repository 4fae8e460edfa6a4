using System;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>getChildren2: GetChildren2Request{path, watch} → GetChildren2Response{children, stat}. Watch: child, on Ok only.</summary>
internal sealed class GetChildrenRequest : WatchingReadRequest<ChildrenResult>
{
    public GetChildrenRequest(string path, Chroot chroot, WatchManager watches, Action<WatchedEvent>? watcher)
        : base(OpCode.GetChildren2, path, chroot, watches, watcher)
    {
    }

    protected override ChildrenResult ReadResult(JuteReader body) => new(body.ReadStrings(), body.ReadStat());

    protected override WatchKind? WatchSetBy(ErrorCode error) => error == ErrorCode.Ok ? WatchKind.Child : null;
}
