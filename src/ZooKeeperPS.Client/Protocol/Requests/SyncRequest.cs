namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>sync: SyncRequest{path} → SyncResponse{path} (ignored).</summary>
internal sealed class SyncRequest : EmptyResultRequest
{
    private readonly string _serverPath;

    public SyncRequest(string path, Chroot chroot) : base(OpCode.Sync, path) => _serverPath = chroot.ToServer(path);

    public override void WriteBody(JuteWriter writer) => writer.WriteString(_serverPath);

    protected override bool ReadResult(JuteReader body)
    {
        body.ReadString(); // the path, read so that the reply is known to be whole
        return true;
    }
}
