namespace ZooKeeperPS.Client;

/// <summary>The state of a client's session and connection.</summary>
public enum ConnectionState
{
    Connecting,
    Connected,
    ConnectedReadOnly,
    Disconnected,
    Expired,
    AuthFailed,
    Closed,
}
