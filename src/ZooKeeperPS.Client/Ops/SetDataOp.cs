namespace ZooKeeperPS.Client;

public sealed class SetDataOp : Op
{
    internal SetDataOp(string path, byte[]? data, int version) : base(path)
    {
        Data = data;
        Version = version;
    }

    public byte[]? Data { get; }

    public int Version { get; }

    public override string ToString() => $"setData {Path} (version {Version})";
}
