namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>setData: SetDataRequest{path, data, version} → SetDataResponse{stat}.</summary>
internal sealed class SetDataRequest : Request<Stat>
{
    private readonly string _serverPath;
    private readonly byte[]? _data;
    private readonly int _version;

    public SetDataRequest(string path, Chroot chroot, byte[]? data, int version) : base(OpCode.SetData, path)
    {
        _serverPath = chroot.ToServer(path);
        _data = data;
        _version = version;
    }

    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(_serverPath);
        writer.WriteBuffer(_data);
        writer.WriteInt(_version);
    }

    protected override Stat ReadResult(JuteReader body) => body.ReadStat();
}
