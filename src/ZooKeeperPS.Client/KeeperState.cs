namespace ZooKeeperPS.Client;

/// <summary>The connection state carried by a watch event.</summary>
public enum KeeperState
{
    Disconnected = 0,
    SyncConnected = 3,
    AuthFailed = 4,
    ConnectedReadOnly = 5,
    SaslAuthenticated = 6,
    Expired = -112,
    Closed = 7,
}
