using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// A create that lost its connection after it was sent, then met NodeExists when sent again, on a node created
/// after it was sent: this request may have created it, or another client may have (with the same data, or changed
/// it since). Nothing proves which, so the create is not acknowledged. The code stays NodeExists.
/// </summary>
public sealed class CreateOutcomeUnknownException : ZooKeeperException
{
    internal CreateOutcomeUnknownException(string path, Stat stat)
        : base(ErrorCode.NodeExists, path,
            "the node exists; whether this request created it is unknown (the connection was lost after the create was sent, " +
            $"and the node, created at zxid 0x{stat.Czxid:x} after it was sent, may be another client's).")
    {
        Stat = stat;
    }

    /// <summary>The stat of the node found.</summary>
    public Stat Stat { get; }
}
