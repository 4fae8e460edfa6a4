namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>delete: DeleteRequest{path, version} → no body.</summary>
internal sealed class DeleteRequest : EmptyResultRequest
{
    private readonly string _serverPath;
    private readonly int _version;

    public DeleteRequest(string path, Chroot chroot, int version) : base(OpCode.Delete, path)
    {
        _serverPath = chroot.ToServer(path);
        _version = version;
    }

    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(_serverPath);
        writer.WriteInt(_version);
    }
}
