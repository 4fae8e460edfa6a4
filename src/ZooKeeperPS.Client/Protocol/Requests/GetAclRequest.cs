namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>getACL: GetACLRequest{path} → GetACLResponse{acl, stat}.</summary>
internal sealed class GetAclRequest : Request<AclResult>
{
    private readonly string _serverPath;

    public GetAclRequest(string path, Chroot chroot) : base(OpCode.GetAcl, path) => _serverPath = chroot.ToServer(path);

    public override void WriteBody(JuteWriter writer) => writer.WriteString(_serverPath);

    protected override AclResult ReadResult(JuteReader body) => new(body.ReadAcl(), body.ReadStat());
}
