namespace ZooKeeperPS.Client;

/// <summary>The outcome of a create: the real path (with any sequential suffix, chroot stripped) and the new node's stat.</summary>
public sealed class CreateResult
{
    public CreateResult(string path, Stat stat)
    {
        Path = path;
        Stat = stat;
    }

    public string Path { get; }

    public Stat Stat { get; }
}
