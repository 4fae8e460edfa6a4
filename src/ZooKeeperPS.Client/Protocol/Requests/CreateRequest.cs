using System.Collections.Generic;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>create2 / createContainer / createTTL: CreateRequest{path, data, acl, flags}[ttl] → Create2Response{path, stat}.</summary>
internal sealed class CreateRequest : Request<CreateResult>
{
    private readonly string _serverPath;
    private readonly byte[]? _data;
    private readonly IReadOnlyList<Acl> _acl;
    private readonly CreateMode _mode;
    private readonly long _ttlMilliseconds;
    private readonly Chroot _chroot;

    public CreateRequest(string path, Chroot chroot, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode, long ttlMilliseconds)
        : base(OpCodeFor(mode), path)
    {
        _serverPath = ServerPath(path, chroot, mode);
        _chroot = chroot;
        _data = data;
        _acl = acl;
        _mode = mode;
        _ttlMilliseconds = ttlMilliseconds;
    }

    /// <summary>Containers and TTL nodes have opcodes of their own; everything else is create2 (which returns the stat).</summary>
    public static OpCode OpCodeFor(CreateMode mode) => mode switch
    {
        CreateMode.Container => OpCode.CreateContainer,
        CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl => OpCode.CreateTtl,
        _ => OpCode.Create2,
    };

    /// <summary>A sequential create of "/" under a chroot means "a numbered child of the chroot", not a sibling of it.</summary>
    public static string ServerPath(string path, Chroot chroot, CreateMode mode) =>
        path == "/" && mode.IsSequential() && chroot.Prefix is not null ? chroot.Prefix + "/" : chroot.ToServer(path);

    public override void WriteBody(JuteWriter writer) => Write(writer, _serverPath, _data, _acl, _mode, _ttlMilliseconds);

    public static void Write(JuteWriter writer, string serverPath, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode, long ttlMilliseconds)
    {
        writer.WriteString(serverPath);
        writer.WriteBuffer(data);
        writer.WriteAcl(acl);
        writer.WriteInt((int)mode);
        if (mode.IsTtl()) writer.WriteLong(ttlMilliseconds);
    }

    protected override CreateResult ReadResult(JuteReader body) =>
        new(_chroot.ToClient(body.ReadRequiredString()), body.ReadStat());
}
