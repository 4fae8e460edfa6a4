using System.Collections.Generic;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>
/// getEphemerals (3.6+): {prefixPath} → {vector of paths}. The server matches a raw string prefix, so under a chroot
/// the prefix gets the chroot and the answer keeps only paths inside it, chroot stripped.
/// </summary>
internal sealed class GetEphemeralsRequest : Request<IReadOnlyList<string>>
{
    private readonly string _serverPrefix;
    private readonly Chroot _chroot;

    public GetEphemeralsRequest(string prefixPath, Chroot chroot) : base(OpCode.GetEphemerals, prefixPath)
    {
        _chroot = chroot;
        _serverPrefix = chroot.Prefix is null ? prefixPath : prefixPath == "/" ? chroot.Prefix + "/" : chroot.Prefix + prefixPath;
    }

    public override void WriteBody(JuteWriter writer) => writer.WriteString(_serverPrefix);

    protected override IReadOnlyList<string> ReadResult(JuteReader body)
    {
        var paths = body.ReadStrings();
        if (_chroot.Prefix is null) return paths;
        var inside = new List<string>(paths.Count);
        foreach (var path in paths)
            if (_chroot.Contains(path)) inside.Add(_chroot.ToClient(path));
        return inside;
    }
}
