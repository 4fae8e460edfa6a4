using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// A lock on a path, in the node layout of kazoo's Lock, WriteLock and ReadLock, so that kazoo programs and this
/// client take turns on one path. A contender creates an ephemeral sequential child "_c_&lt;guid&gt;-__lock__" (or
/// "__rlock__" when shared) holding its identifier, lists the children, and holds the lock when no contender before
/// it excludes it; otherwise it watches only the nearest one that does (no herd), and looks again when that one goes.
/// What held means across lost connections and expiry: <see cref="SessionHold"/>.
/// </summary>
public sealed class ZooKeeperLock : SessionHold
{
    private int _acquiring;
    private TaskCompletionSource<bool>? _wake;

    public ZooKeeperLock(ZooKeeperClient client, string path, string? identifier = null, LockKind kind = LockKind.Exclusive)
        : base(client, path, identifier)
    {
        Kind = kind;
    }

    public LockKind Kind { get; }

    /// <summary>
    /// Queues for the lock and waits until it is held (true), or <paramref name="timeout"/> passes (false; null waits
    /// for ever; zero does not wait for other contenders, but still for the server). On a timeout, a cancellation or a
    /// failure the contender's node is removed.
    /// </summary>
    public async Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _acquiring, 1) == 1)
        {
            throw new InvalidOperationException($"This lock on {Path} is already being acquired.");
        }
        var blocking = timeout != TimeSpan.Zero;
        using var deadline = timeout is { } limit && blocking ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            BeginAcquiring();
            var protectedPath = ProtectedCreate.ProtectPath(ZooKeeperPath.Combine(Path, LockContender.NameFor(Kind)), Guid.NewGuid());
            while (true)
            {
                NodePath ??= await CreateNodeAsync(protectedPath, stop.Token).ConfigureAwait(false);
                var turn = await WaitForTurnAsync(blocking, stop.Token).ConfigureAwait(false);
                if (turn == Turn.Held)
                {
                    MarkAcquired();
                    return true;
                }
                if (turn == Turn.Blocked)
                {
                    _ = RemoveNodeAsync();
                    return false;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _ = RemoveNodeAsync();
            return false;
        }
        catch
        {
            _ = RemoveNodeAsync();
            throw;
        }
        finally
        {
            Volatile.Write(ref _acquiring, 0);
        }
    }

    /// <summary>The contender's node; the lock path (with its parents) is made only when missing, which saves a round trip per lock.</summary>
    private async Task<string> CreateNodeAsync(string protectedPath, CancellationToken cancellationToken)
    {
        try
        {
            return (await RecipeCalls.CreateProtectedAsync(Client, protectedPath, IdentifierData, CreateMode.EphemeralSequential,
                cancellationToken).ConfigureAwait(false)).Path;
        }
        catch (ZooKeeperException missing) when (missing.Code == ErrorCode.NoNode)
        {
            await RecipeCalls.EnsurePathAsync(Client, Path, cancellationToken).ConfigureAwait(false);
            return (await RecipeCalls.CreateProtectedAsync(Client, protectedPath, IdentifierData, CreateMode.EphemeralSequential,
                cancellationToken).ConfigureAwait(false)).Path;
        }
    }

    private enum Turn
    {
        Held,
        Requeue,
        Blocked,
    }

    /// <summary>
    /// Held when this contender holds the lock; Requeue when its node vanished; otherwise waits for the contender
    /// before it to go and looks again (or, not <paramref name="blocking"/>, says Blocked).
    /// </summary>
    private async Task<Turn> WaitForTurnAsync(bool blocking, CancellationToken cancellationToken)
    {
        var own = ZooKeeperPath.GetName(NodePath!);
        while (true)
        {
            var wake = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _wake, wake);
            var children = await RecipeCalls.RetryAsync(() => Client.GetChildrenAsync(Path, null, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            var queue = LockContender.Queue(children.Children);
            if (!queue.Any(c => c.Name == own))
            {
                // Only an admin's delete (or a session that ended) removes it; a new node queues again at the back.
                NodePath = null;
                return Turn.Requeue;
            }
            var blocker = LockContender.Blocker(queue, own);
            if (blocker is null)
            {
                return Turn.Held;
            }
            if (!blocking)
            {
                return Turn.Blocked;
            }
            var blockerPath = ZooKeeperPath.Combine(Path, blocker.Name);
            try
            {
                await RecipeCalls.RetryAsync(() => Client.GetDataAsync(blockerPath, _ => wake.TrySetResult(true), cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
            {
                continue;
            }
            using (cancellationToken.Register(() => wake.TrySetCanceled(cancellationToken)))
            {
                await wake.Task.ConfigureAwait(false);
            }
        }
    }

    // A reconnect or the session's end: look at the queue again (or fail with the session's error).
    private protected override void OnConnectionChanged(ConnectionState state) => Volatile.Read(ref _wake)?.TrySetResult(true);

    public override string ToString() => $"{Kind} lock on {Path}" + (IsHeld ? " (held)" : IsLost ? " (lost)" : "");
}
