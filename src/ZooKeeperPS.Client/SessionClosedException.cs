using System;

namespace ZooKeeperPS.Client;

/// <summary>
/// A call on a session that was closed (by CloseAsync or Dispose, or because its connection loop failed). Distinct
/// from every other failure, so a caller can tell "open a new session" from a bug (kazoo's ConnectionClosedError).
/// It derives from InvalidOperationException, which is what earlier versions threw.
/// </summary>
public sealed class SessionClosedException : InvalidOperationException
{
    public SessionClosedException(string message = "The ZooKeeper session is closed.", Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
