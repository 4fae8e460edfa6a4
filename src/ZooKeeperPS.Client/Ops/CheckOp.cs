namespace ZooKeeperPS.Client;

public sealed class CheckOp : Op
{
    internal CheckOp(string path, int version) : base(path) => Version = version;

    public int Version { get; }

    public override string ToString() => $"check {Path} (version {Version})";
}
