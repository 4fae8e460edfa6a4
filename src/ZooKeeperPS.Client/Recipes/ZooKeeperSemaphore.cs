using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// A semaphore of <see cref="MaxLeases"/> leases in the node layout of kazoo's Semaphore, so that kazoo programs and
/// this client share the leases of one path. The path's data is the number of leases (written by whoever creates the
/// path, and checked by every later holder); each lease is an ephemeral child named by a hex GUID holding the
/// holder's identifier. Taking a lease happens under the lock "&lt;path&gt;-__lock__" (kazoo's Lock), so only its
/// holder watches the leases and waits for one to go, while the others queue on the lock.
/// What held means across lost connections and expiry: <see cref="SessionHold"/>.
/// </summary>
public sealed class ZooKeeperSemaphore : SessionHold
{
    private TaskCompletionSource<bool>? _wake;

    public ZooKeeperSemaphore(ZooKeeperClient client, string path, int maxLeases, string? identifier = null)
        : base(client, path, identifier)
    {
        if (maxLeases < 1) throw new ArgumentOutOfRangeException(nameof(maxLeases), "A semaphore has at least one lease.");
        MaxLeases = maxLeases;
    }

    public int MaxLeases { get; }

    /// <summary>The lock under which leases are taken (kazoo's layout: a sibling of the path).</summary>
    public string LockPath => Path + "-" + LockContender.ExclusiveName;

    /// <summary>
    /// Waits for a lease (true), or until <paramref name="timeout"/> passes (false; null waits for ever; zero does not
    /// wait for other holders). A path whose
    /// data names another number of leases is an <see cref="InvalidOperationException"/>, as in kazoo.
    /// </summary>
    public async Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var blocking = timeout != TimeSpan.Zero;
        using var deadline = timeout is { } limit && blocking ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var guard = new ZooKeeperLock(Client, LockPath, Identifier);
        try
        {
            BeginAcquiring();
            await EnsureLeasePathAsync(stop.Token).ConfigureAwait(false);
            if (!await guard.AcquireAsync(blocking ? null : TimeSpan.Zero, stop.Token).ConfigureAwait(false))
            {
                return false;
            }
            var lease = ZooKeeperPath.Combine(Path, Guid.NewGuid().ToString("N"));
            while (true)
            {
                var wake = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _wake, wake);
                var leases = await RecipeCalls.RetryAsync(() => Client.GetChildrenAsync(Path, _ => wake.TrySetResult(true), stop.Token),
                    stop.Token).ConfigureAwait(false);
                if (leases.Children.Count < MaxLeases)
                {
                    NodePath = lease;
                    await CreateLeaseAsync(lease, stop.Token).ConfigureAwait(false);
                    MarkAcquired();
                    return true;
                }
                if (!blocking)
                {
                    return false;
                }
                using (stop.Token.Register(() => wake.TrySetCanceled(stop.Token)))
                {
                    await wake.Task.ConfigureAwait(false);
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
            _ = guard.ReleaseAsync();
        }
    }

    /// <summary>A lease node with a known name: after a lost create, NodeExists owned by this session is this create's.</summary>
    private async Task CreateLeaseAsync(string lease, CancellationToken cancellationToken)
    {
        try
        {
            await RecipeCalls.RetryAsync(() => Client.CreateAsync(lease, IdentifierData, CreateMode.Ephemeral, null, null, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException exists) when (exists.Code == ErrorCode.NodeExists)
        {
            var stat = await Client.ExistsAsync(lease, null, cancellationToken).ConfigureAwait(false);
            if (stat?.EphemeralOwner != Client.SessionId) throw;
        }
    }

    /// <summary>Creates the path holding the number of leases, or checks the number that it holds (kazoo ignores data that is not a number).</summary>
    private async Task EnsureLeasePathAsync(CancellationToken cancellationToken)
    {
        await RecipeCalls.EnsurePathAsync(Client, ZooKeeperPath.GetParent(Path), cancellationToken).ConfigureAwait(false);
        var count = Encoding.UTF8.GetBytes(MaxLeases.ToString(CultureInfo.InvariantCulture));
        try
        {
            await RecipeCalls.RetryAsync(() => Client.CreateAsync(Path, count, CreateMode.Persistent, null, null, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ZooKeeperException exists) when (exists.Code == ErrorCode.NodeExists)
        {
        }
        var data = await RecipeCalls.RetryAsync(() => Client.GetDataAsync(Path, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (data.Data is { } bytes && int.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var leases)
            && leases != MaxLeases)
        {
            throw new InvalidOperationException($"The semaphore {Path} has {leases} leases, not {MaxLeases}: give -MaxLeases {leases}, or delete the path to change the number.");
        }
    }

    /// <summary>The identifiers of the lease holders of the semaphore on <paramref name="path"/> (kazoo's lease_holders()).</summary>
    public static async Task<IReadOnlyList<(string Name, string? Identifier)>> LeaseHoldersAsync(ZooKeeperClient client, string path,
        CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        IReadOnlyList<string> children;
        try
        {
            children = (await client.GetChildrenAsync(path, null, cancellationToken).ConfigureAwait(false)).Children;
        }
        catch (ZooKeeperException missing) when (missing.Code == ErrorCode.NoNode)
        {
            return Array.Empty<(string, string?)>();
        }
        var paths = new List<string>();
        foreach (var child in children) paths.Add(ZooKeeperPath.Combine(path, child));
        var reads = await new NodeReader(client).ReadAsync(paths, NodeReadKind.Data, cancellationToken).ConfigureAwait(false);
        var holders = new List<(string, string?)>();
        for (var i = 0; i < reads.Count; i++)
        {
            if (reads[i].Failure is ZooKeeperException { Code: ErrorCode.NoNode }) continue;
            if (reads[i].Failure is { } failure) throw failure;
            holders.Add((children[i], reads[i].Data?.Data is { } data ? Encoding.UTF8.GetString(data) : null));
        }
        return holders;
    }

    // The session's end: stop waiting (the next call fails with the session's error).
    private protected override void OnConnectionChanged(ConnectionState state) => Volatile.Read(ref _wake)?.TrySetResult(true);

    public override string ToString() => $"Semaphore of {MaxLeases} on {Path}" + (IsHeld ? " (held)" : IsLost ? " (lost)" : "");
}
