namespace ZooKeeperPS;

/// <summary>A counter's value (Get-ZkCounter), or its change (Add-ZkCounter: PreValue before, Value after).</summary>
public sealed class ZkCounter
{
    internal ZkCounter(ZkSession session, string path, object value, object? preValue, int version)
    {
        Session = session;
        Path = path;
        Value = value;
        PreValue = preValue;
        Version = version;
    }

    public string Path { get; }

    /// <summary>The value now: a long for whole numbers, a double otherwise.</summary>
    public object Value { get; }

    /// <summary>The value before this change (Add-ZkCounter); null from Get-ZkCounter.</summary>
    public object? PreValue { get; }

    /// <summary>The node's version after the change, for a compare-and-set of your own.</summary>
    public int Version { get; }

    public ZkSession Session { get; }
}
