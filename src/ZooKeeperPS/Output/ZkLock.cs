using System;
using System.Threading;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// A lock (or a semaphore lease) held through a session: what Lock-ZkPath returns and what Invoke-ZkLock gives its
/// block as $ZkLock.
/// IsHeld is true only while the session is connected and the lock is this session's; IsLost turns true for good when
/// the session ended while the lock was held (someone else may hold it then).
/// </summary>
public sealed class ZkLock : IDisposable
{
    internal ZkLock(ZkSession session, SessionHold engine)
    {
        Session = session;
        Engine = engine;
    }

    internal SessionHold Engine { get; }

    public string Path => Engine.Path;

    /// <summary>This holder's node, such as /locks/nightly/_c_…-__lock__0000000004 (or a lease); null once released.</summary>
    public string? NodePath => Engine.NodePath;

    public string Identifier => Engine.Identifier;

    /// <summary>Held together with other shared holders (kazoo's ReadLock) rather than alone.</summary>
    public bool Shared => Engine is ZooKeeperLock { Kind: LockKind.Shared };

    /// <summary>For a semaphore lease (Lock-ZkPath -MaxLeases), the number of leases; null for a lock.</summary>
    public int? MaxLeases => (Engine as ZooKeeperSemaphore)?.MaxLeases;

    public bool IsHeld => Engine.IsHeld;

    public bool IsLost => Engine.IsLost;

    /// <summary>Cancelled when the lock is lost: pass it to work that must stop then.</summary>
    public CancellationToken LostToken => Engine.LostToken;

    public ZkSession Session { get; }

    /// <summary>Throws (a terminating error in a script) once the lock is lost: a check between steps of long work.</summary>
    public void ThrowIfLost() => Engine.ThrowIfLost();

    /// <summary>Releases the lock (Unlock-ZkPath does the same and waits for it).</summary>
    public void Dispose() => Engine.Dispose();

    public override string ToString() => Engine.ToString();
}
