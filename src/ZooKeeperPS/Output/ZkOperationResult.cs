using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>One applied operation of a transaction, as Invoke-ZkTransaction emits it.</summary>
public sealed class ZkOperationResult
{
    internal ZkOperationResult(ZkSession session, int index, ZkOperation operation, OpResult result, Stat? createdStat)
    {
        Session = session;
        Index = index;
        Kind = operation.Kind;
        Path = operation.Path;
        switch (result)
        {
            case CreateOpResult created:
                CreatedPath = created.Path;
                Stat = (created.Stat ?? createdStat) is { } stat ? new ZkStat(stat) : null;
                break;
            case SetDataOpResult written:
                Stat = new ZkStat(written.Stat);
                break;
        }
    }

    /// <summary>The operation's place in the transaction, from 0.</summary>
    public int Index { get; }

    public ZkOperationKind Kind { get; }

    /// <summary>The path the operation named.</summary>
    public string Path { get; }

    /// <summary>The path of the node a Create made: with a sequential node, its name with the counter; null for other kinds.</summary>
    public string? CreatedPath { get; }

    /// <summary>
    /// The node's new stat after a Set, or after a Create (read right after the transaction, as the server's reply
    /// does not carry it); null for Delete and Check.
    /// </summary>
    public ZkStat? Stat { get; }

    /// <summary>The node's new version after a Create or Set; null for Delete and Check.</summary>
    public int? Version => Stat?.version;

    public ZkSession Session { get; }

    public override string ToString() => $"{Index} {Kind} {CreatedPath ?? Path}";
}
