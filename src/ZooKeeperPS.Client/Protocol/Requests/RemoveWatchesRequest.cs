namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>removeWatches: RemoveWatchesRequest{path, type} → no body; NoWatcher when the server has none of that type.</summary>
internal sealed class RemoveWatchesRequest : EmptyResultRequest
{
    private readonly string _serverPath;
    private readonly WatcherType _type;

    public RemoveWatchesRequest(string path, Chroot chroot, WatcherType type) : base(OpCode.RemoveWatches, path)
    {
        _serverPath = chroot.ToServer(path);
        _type = type;
    }

    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(_serverPath);
        writer.WriteInt((int)_type);
    }
}
