namespace ZooKeeperPS;

/// <summary>One contender for a lock (or a semaphore's lease holder), as Get-ZkLock lists them: its place in the queue, its node and identifier.</summary>
public sealed class ZkLockContender
{
    internal ZkLockContender(ZkSession session, string path, int position, string node, bool shared, string? identifier, bool isHolder)
    {
        Session = session;
        Path = path;
        Position = position;
        Node = node;
        Shared = shared;
        Identifier = identifier;
        IsHolder = isHolder;
    }

    /// <summary>The lock's path.</summary>
    public string Path { get; }

    /// <summary>1 for the first in the queue.</summary>
    public int Position { get; }

    public string Node { get; }

    public bool Shared { get; }

    public string? Identifier { get; }

    public bool IsHolder { get; }

    public ZkSession Session { get; }
}
