namespace ZooKeeperPS.Client;

public sealed class GetChildrenOp : Op
{
    internal GetChildrenOp(string path) : base(path)
    {
    }

    public override string ToString() => $"getChildren {Path}";
}
