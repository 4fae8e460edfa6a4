namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>getAllChildrenNumber (3.6+): {path} → {int totalNumber}.</summary>
internal sealed class GetAllChildrenNumberRequest : Request<int>
{
    private readonly string _serverPath;

    public GetAllChildrenNumberRequest(string path, Chroot chroot) : base(OpCode.GetAllChildrenNumber, path) =>
        _serverPath = chroot.ToServer(path);

    public override void WriteBody(JuteWriter writer) => writer.WriteString(_serverPath);

    protected override int ReadResult(JuteReader body) => body.ReadInt();
}
