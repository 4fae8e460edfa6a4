using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// A lock on a path, in the node layout of kazoo's Lock, WriteLock and ReadLock, so that kazoo programs and this
/// client take turns on one path. A contender creates an ephemeral sequential child "_c_&lt;guid&gt;-__lock__" (or
/// "__rlock__" when shared) holding its identifier, lists the children, and holds the lock when no contender before
/// it excludes it; otherwise it watches only the nearest one that does (no herd), and looks again when that one goes.
/// <para>
/// What "held" means when the connection fails: the server keeps the node (and so the lock) exactly as long as the
/// session lives. While disconnected the session may be expiring unseen, so <see cref="IsHeld"/> is false; it turns
/// true again when the session reconnects (the node is checked then). When the session ends (expired, closed) the
/// node is gone, someone else may hold the lock, and <see cref="IsLost"/> turns true for good and
/// <see cref="LostToken"/> is cancelled. IsHeld is never true while another session can hold the lock.
/// </para>
/// </summary>
public sealed class ZooKeeperLock : IDisposable
{
    private readonly ZooKeeperClient _client;
    private readonly byte[] _identifierData;
    private readonly CancellationTokenSource _lost = new();
    private volatile string? _nodePath;
    private volatile bool _acquired;
    private volatile bool _verified;
    private int _acquiring;
    private TaskCompletionSource<bool>? _wake;

    public ZooKeeperLock(ZooKeeperClient client, string path, string? identifier = null, LockKind kind = LockKind.Exclusive)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ZooKeeperPath.Validate(path);
        Path = path;
        Kind = kind;
        Identifier = identifier ?? "";
        _identifierData = Encoding.UTF8.GetBytes(Identifier);
    }

    public string Path { get; }

    public LockKind Kind { get; }

    /// <summary>The data of this contender's node: what kazoo's contenders() and Get-ZkLock list.</summary>
    public string Identifier { get; }

    /// <summary>This contender's node while it has one.</summary>
    public string? NodePath => _nodePath;

    /// <summary>True while the lock is held and the session is connected (so no other session can hold it).</summary>
    public bool IsHeld => _acquired && _verified && !_lost.IsCancellationRequested && _client.State == ConnectionState.Connected;

    /// <summary>True once the session ended (or the node vanished) while the lock was held: it may be someone else's now.</summary>
    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>Cancelled when the lock is lost (see <see cref="IsLost"/>).</summary>
    public CancellationToken LostToken => _lost.Token;

    /// <summary>Throws <see cref="LockLostException"/> once the lock is lost: a check for long work done under it.</summary>
    public void ThrowIfLost()
    {
        if (IsLost) throw new LockLostException(Path);
    }

    /// <summary>
    /// Queues for the lock and waits until it is held (true), or <paramref name="timeout"/> passes (false; null waits
    /// for ever). On a timeout, a cancellation or a failure the contender's node is removed.
    /// </summary>
    public async Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _acquiring, 1) == 1 || _acquired)
        {
            throw new InvalidOperationException($"This lock on {Path} is already held or being acquired; it is not re-entrant.");
        }
        if (IsLost)
        {
            throw new InvalidOperationException($"This lock on {Path} was lost with its session; use a new one.");
        }
        // Only while it has a node: a released lock leaves nothing behind on a long-lived client.
        _client.StateChanged -= OnStateChanged;
        _client.StateChanged += OnStateChanged;
        using var deadline = timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await RecipeCalls.EnsurePathAsync(_client, Path, stop.Token).ConfigureAwait(false);
            var nodeName = LockContender.NameFor(Kind);
            var protectedPath = ProtectedCreate.ProtectPath(ZooKeeperPath.Combine(Path, nodeName), Guid.NewGuid());
            while (true)
            {
                _nodePath ??= (await RecipeCalls.CreateProtectedAsync(_client, protectedPath, _identifierData,
                    CreateMode.EphemeralSequential, stop.Token).ConfigureAwait(false)).Path;
                if (await WaitForTurnAsync(stop.Token).ConfigureAwait(false))
                {
                    _verified = true;
                    _acquired = true;
                    return true;
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

    /// <summary>
    /// True when this contender holds the lock; false when its node vanished (it queues again); otherwise waits for the
    /// contender before it to go and looks again.
    /// </summary>
    private async Task<bool> WaitForTurnAsync(CancellationToken cancellationToken)
    {
        var own = ZooKeeperPath.GetName(_nodePath!);
        while (true)
        {
            var wake = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _wake, wake);
            var children = await RecipeCalls.RetryAsync(() => _client.GetChildrenAsync(Path, null, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            var queue = LockContender.Queue(children.Children);
            if (!queue.Any(c => c.Name == own))
            {
                // Only an admin's delete (or a session that ended) removes it; a new node queues again at the back.
                _nodePath = null;
                return false;
            }
            var blocker = LockContender.Blocker(queue, own);
            if (blocker is null)
            {
                return true;
            }
            var blockerPath = ZooKeeperPath.Combine(Path, blocker.Name);
            try
            {
                await RecipeCalls.RetryAsync(() => _client.GetDataAsync(blockerPath, _ => wake.TrySetResult(true), cancellationToken),
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

    /// <summary>
    /// Releases the lock (or gives up queueing): the node is deleted, across lost connections, until the session ends
    /// (which deletes it too). The token ends only the wait; the delete goes on.
    /// </summary>
    public Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        _acquired = false;
        var removal = RemoveNodeAsync();
        return cancellationToken.CanBeCanceled ? removal.ContinueWith(t => t, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap() : removal;
    }

    private async Task RemoveNodeAsync()
    {
        var node = _nodePath;
        try
        {
            if (node is not null)
            {
                await RecipeCalls.RetryAsync(() => _client.DeleteAsync(node), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (ZooKeeperException)
        {
            // NoNode: already gone; SessionExpired and the like: the server deleted it with the session.
        }
        catch (SessionClosedException)
        {
        }
        _nodePath = null;
        _client.StateChanged -= OnStateChanged;
    }

    private void OnStateChanged(object? sender, ConnectionStateChangedEventArgs e)
    {
        Volatile.Read(ref _wake)?.TrySetResult(true);
        switch (e.NewState)
        {
            case ConnectionState.Disconnected:
                _verified = false;
                break;
            case ConnectionState.Connected when _acquired:
                _ = VerifyNodeAsync();
                break;
            case ConnectionState.Expired or ConnectionState.Closed or ConnectionState.AuthFailed:
                if (_acquired) _lost.Cancel();
                _client.StateChanged -= OnStateChanged;
                break;
        }
    }

    /// <summary>After a reconnect: the lock is held again only if the node is still there (the session lived on).</summary>
    private async Task VerifyNodeAsync()
    {
        var node = _nodePath;
        try
        {
            var stat = node is null ? null : await _client.ExistsAsync(node).ConfigureAwait(false);
            if (stat is not null && stat.EphemeralOwner == _client.SessionId)
            {
                _verified = true;
            }
            else if (_acquired)
            {
                _lost.Cancel();
            }
        }
        catch (Exception)
        {
            // Disconnected again (the next reconnect checks again) or the session ended (reported by its state).
        }
    }

    /// <summary>Releases the lock without waiting for the delete (it goes on in the background until the session ends).</summary>
    public void Dispose() => _ = ReleaseAsync();

    public override string ToString() => $"{Kind} lock on {Path}" + (IsHeld ? " (held)" : IsLost ? " (lost)" : "");
}
