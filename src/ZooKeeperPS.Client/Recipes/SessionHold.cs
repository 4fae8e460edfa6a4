using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Something a session holds through an ephemeral node of its own (a lock, a semaphore lease): the node, and what
/// "held" means when the connection fails. The server keeps the node exactly as long as the session lives. While
/// disconnected the session may be expiring unseen, so <see cref="IsHeld"/> is false; it turns true again when the
/// session reconnects and the node is seen. When the session ends (expired, closed) or the node is gone, another
/// session may hold what this one held: <see cref="IsLost"/> turns true for good and <see cref="LostToken"/> is
/// cancelled. IsHeld is never true while another session can hold the same thing.
/// </summary>
public abstract class SessionHold : IDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private volatile string? _nodePath;
    private volatile bool _acquired;
    private volatile bool _verified;

    private protected SessionHold(ZooKeeperClient client, string path, string? identifier)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        ZooKeeperPath.Validate(path);
        Path = path;
        Identifier = identifier ?? "";
        IdentifierData = Encoding.UTF8.GetBytes(Identifier);
    }

    /// <summary>The data of this holder's node: what kazoo's contenders() and lease_holders() list.</summary>
    public string Identifier { get; }

    private protected byte[] IdentifierData { get; }

    private protected ZooKeeperClient Client { get; }

    public string Path { get; }

    /// <summary>The node that stands for this holder while it has one.</summary>
    public string? NodePath
    {
        get => _nodePath;
        private protected set => _nodePath = value;
    }

    /// <summary>True while held and the session is connected (so no other session can hold it).</summary>
    public bool IsHeld => _acquired && _verified && !_lost.IsCancellationRequested && Client.State == ConnectionState.Connected;

    /// <summary>True once the session ended (or the node vanished) while held: another session may hold it now.</summary>
    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>Cancelled when the hold is lost (see <see cref="IsLost"/>).</summary>
    public CancellationToken LostToken => _lost.Token;

    private protected bool Acquired => _acquired;

    /// <summary>Throws <see cref="LockLostException"/> once the hold is lost: a check for long work done under it.</summary>
    public void ThrowIfLost()
    {
        if (IsLost) throw new LockLostException(Path);
    }

    /// <summary>Called by a recipe before it makes its node: from now on connection states concern this holder.</summary>
    private protected void BeginAcquiring()
    {
        if (IsLost) throw new InvalidOperationException($"This hold on {Path} was lost with its session; use a new one.");
        if (_acquired) throw new InvalidOperationException($"This hold on {Path} is already held; it is not re-entrant.");
        // Subscribed only while there is a node: a released holder leaves nothing behind on a long-lived client.
        Client.StateChanged -= OnStateChanged;
        Client.StateChanged += OnStateChanged;
    }

    /// <summary>Called by a recipe once its node holds.</summary>
    private protected void MarkAcquired()
    {
        _verified = true;
        _acquired = true;
    }

    /// <summary>A connection state changed (the recipe may wake a wait).</summary>
    private protected virtual void OnConnectionChanged(ConnectionState state)
    {
    }

    /// <summary>
    /// Releases (or gives up waiting): the node is deleted, across lost connections, until the session ends (which
    /// deletes it too). The token ends only the wait; the delete goes on.
    /// </summary>
    public Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        _acquired = false;
        var removal = RemoveNodeAsync();
        return cancellationToken.CanBeCanceled
            ? removal.ContinueWith(t => t, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap()
            : removal;
    }

    /// <summary>Deletes the node, if any, and stops following the connection.</summary>
    private protected async Task RemoveNodeAsync()
    {
        var node = _nodePath;
        try
        {
            if (node is not null)
            {
                await RecipeCalls.RetryAsync(() => Client.DeleteAsync(node), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (ZooKeeperException)
        {
            // NoNode: already gone; SessionExpired and the like: the server deleted it with the session.
        }
        catch (SessionClosedException)
        {
        }
        if (_nodePath == node) _nodePath = null;
        if (!_acquired) Client.StateChanged -= OnStateChanged;
    }

    private void OnStateChanged(object? sender, ConnectionStateChangedEventArgs e)
    {
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
                Client.StateChanged -= OnStateChanged;
                break;
        }
        OnConnectionChanged(e.NewState);
    }

    /// <summary>After a reconnect: held again only if the node is still this session's (the session lived on).</summary>
    private async Task VerifyNodeAsync()
    {
        var node = _nodePath;
        try
        {
            var stat = node is null ? null : await Client.ExistsAsync(node).ConfigureAwait(false);
            if (stat is not null && stat.EphemeralOwner == Client.SessionId)
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

    /// <summary>Releases without waiting for the delete (it goes on in the background until the session ends).</summary>
    public void Dispose() => _ = ReleaseAsync();
}
