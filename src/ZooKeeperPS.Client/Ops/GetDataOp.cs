namespace ZooKeeperPS.Client;

public sealed class GetDataOp : Op
{
    internal GetDataOp(string path) : base(path)
    {
    }

    public override string ToString() => $"getData {Path}";
}
