namespace ZooKeeperPS.Client;

public sealed class DeleteOp : Op
{
    internal DeleteOp(string path, int version) : base(path) => Version = version;

    public int Version { get; }

    public override string ToString() => $"delete {Path} (version {Version})";
}
