using System;
using ZooKeeperPS.Client.Watches;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>getData: GetDataRequest{path, watch} → GetDataResponse{data, stat}. Watch: data, on Ok only.</summary>
internal sealed class GetDataRequest : Request<DataResult>
{
    private readonly string _serverPath;
    private readonly WatchManager _watches;
    private readonly Action<WatchedEvent>? _watcher;

    public GetDataRequest(string path, Chroot chroot, WatchManager watches, Action<WatchedEvent>? watcher) : base(OpCode.GetData, path)
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

    protected override DataResult ReadResult(JuteReader body) => new(body.ReadBuffer(), body.ReadStat());

    protected override void OnReplyCode(ErrorCode error)
    {
        if (_watcher is not null && error == ErrorCode.Ok) _watches.Add(WatchKind.Data, Path!, _watcher);
    }
}
