using System;

namespace ZooKeeperPS.Client.Connection;

/// <summary>What a connection reports to its session. Called on the receive loop: implementations must be quick and must not run user code.</summary>
internal interface IConnectionOwner
{
    void OnNotification(EventType type, KeeperState state, string serverPath);

    /// <summary>The zxid of a normal reply (only values above 0 are reported).</summary>
    void OnReplyZxid(long zxid);

    /// <summary>
    /// The session is over: a ZooKeeperException with SessionExpired or AuthFailed says which; any other exception
    /// (every server refused TLS before the first session, or a bug in the connection loop) closes it.
    /// </summary>
    void OnSessionEnded(Exception cause);

    /// <summary>The exception for a request lost with the connection (ConnectionLoss, or the session's final state).</summary>
    Exception RequestLost(string? path, string reason);

    void Log(string message);
}
