using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>This session's place in a double barrier (Enter-ZkBarrier), which Exit-ZkBarrier leaves.</summary>
public sealed class ZkBarrierMember
{
    internal ZkBarrierMember(ZkSession session, ZooKeeperDoubleBarrier engine)
    {
        Session = session;
        Engine = engine;
    }

    internal ZooKeeperDoubleBarrier Engine { get; }

    /// <summary>The barrier's path.</summary>
    public string Path => Engine.Path;

    /// <summary>How many members entered together (kazoo's num_clients).</summary>
    public int Count => Engine.Count;

    public string Identifier => Engine.Identifier;

    /// <summary>The member's ephemeral node.</summary>
    public string NodePath => Engine.NodePath;

    public ZkSession Session { get; }

    public override string ToString() => NodePath;
}
