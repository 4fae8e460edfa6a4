using System;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>getData: GetDataRequest{path, watch} → GetDataResponse{data, stat}. Watch: data, on Ok only.</summary>
internal sealed class GetDataRequest : WatchingReadRequest<DataResult>
{
    public GetDataRequest(string path, Chroot chroot, WatchManager watches, Action<WatchedEvent>? watcher)
        : base(OpCode.GetData, path, chroot, watches, watcher)
    {
    }

    protected override DataResult ReadResult(JuteReader body) => new(body.ReadBuffer(), body.ReadStat());

    protected override WatchKind? WatchSetBy(ErrorCode error) => error == ErrorCode.Ok ? WatchKind.Data : null;
}
