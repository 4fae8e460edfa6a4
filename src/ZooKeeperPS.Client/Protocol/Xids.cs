namespace ZooKeeperPS.Client.Protocol;

/// <summary>Reserved xids, which the receive loop routes before matching the pending queue.</summary>
internal static class Xids
{
    public const int Notification = -1;
    public const int Ping = -2;
    public const int Auth = -4;
}
