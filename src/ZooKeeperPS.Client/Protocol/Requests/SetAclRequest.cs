using System.Collections.Generic;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>setACL: SetACLRequest{path, acl, version (the aversion)} → SetACLResponse{stat}.</summary>
internal sealed class SetAclRequest : Request<Stat>
{
    private readonly string _serverPath;
    private readonly IReadOnlyList<Acl> _acl;
    private readonly int _version;

    public SetAclRequest(string path, Chroot chroot, IReadOnlyList<Acl> acl, int version) : base(OpCode.SetAcl, path)
    {
        _serverPath = chroot.ToServer(path);
        _acl = acl;
        _version = version;
    }

    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(_serverPath);
        writer.WriteAcl(_acl);
        writer.WriteInt(_version);
    }

    protected override Stat ReadResult(JuteReader body) => body.ReadStat();
}
