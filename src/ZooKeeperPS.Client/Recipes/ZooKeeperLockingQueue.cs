using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// A queue in the node layout of kazoo's LockingQueue: entries are children of &lt;path&gt;/entries named as in
/// <see cref="ZooKeeperQueue"/>, and taking one locks it instead of deleting it: an ephemeral node
/// &lt;path&gt;/taken/&lt;entry name&gt; holding the consumer's id. Consuming deletes the entry and its lock in one
/// multi; releasing deletes only the lock, so the entry is taken again. A consumer whose session ends loses its locks,
/// and its entries go back to the queue by themselves.
/// </summary>
public static class ZooKeeperLockingQueue
{
    /// <summary>Puts an entry, making the queue's entries and taken nodes when missing.</summary>
    public static async Task<QueueEntry> PutAsync(ZooKeeperClient client, string path, byte[] data, int priority = ZooKeeperQueue.DefaultPriority,
        CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        await RecipeCalls.EnsurePathAsync(client, TakenPath(path), cancellationToken).ConfigureAwait(false);
        var put = await ZooKeeperQueue.PutAsync(client, EntriesPath(path), data, priority, cancellationToken).ConfigureAwait(false);
        return new QueueEntry(path, put.Name, put.Data);
    }

    /// <summary>
    /// Locks and returns the first entry nobody has locked (the lowest priority, then the first put), waiting up to
    /// <paramref name="timeout"/> for one (zero: not at all; null: for ever); null when none came.
    /// </summary>
    public static async Task<QueueEntry?> TakeAsync(ZooKeeperClient client, string path, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        using var deadline = timeout is { } limit && limit != TimeSpan.Zero ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        await RecipeCalls.EnsurePathAsync(client, TakenPath(path), cancellationToken).ConfigureAwait(false);
        await RecipeCalls.EnsurePathAsync(client, EntriesPath(path), cancellationToken).ConfigureAwait(false);
        var lockId = Guid.NewGuid().ToString("N");
        try
        {
            while (true)
            {
                var changed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                Action<WatchedEvent>? watcher = timeout == TimeSpan.Zero ? null : _ => changed.TrySetResult(true);
                var entries = await RecipeCalls.RetryAsync(() => client.GetChildrenAsync(EntriesPath(path), watcher, stop.Token), stop.Token).ConfigureAwait(false);
                var taken = await RecipeCalls.RetryAsync(() => client.GetChildrenAsync(TakenPath(path), watcher, stop.Token), stop.Token).ConfigureAwait(false);
                var locked = new HashSet<string>(taken.Children, StringComparer.Ordinal);
                foreach (var name in entries.Children.Where(n => !locked.Contains(n)).OrderBy(n => n, StringComparer.Ordinal))
                {
                    if (await TryLockAsync(client, path, name, lockId, stop.Token).ConfigureAwait(false) is { } entry)
                    {
                        return entry;
                    }
                }
                if (timeout == TimeSpan.Zero)
                {
                    return null;
                }
                using (stop.Token.Register(() => changed.TrySetCanceled(stop.Token)))
                {
                    await changed.Task.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Removes a taken entry for good (kazoo's consume); false when its lock is no longer this consumer's.</summary>
    public static async Task<bool> ConsumeAsync(ZooKeeperClient client, QueueEntry entry, CancellationToken cancellationToken = default)
    {
        if (await HeldLockVersionAsync(client, entry, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            return false;
        }
        await client.MultiAsync(new[]
        {
            Op.Delete(ZooKeeperPath.Combine(EntriesPath(entry.QueuePath), entry.Name)),
            Op.Delete(LockPath(entry), version),
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Gives a taken entry back to the queue (kazoo's release); false when its lock is no longer this consumer's.</summary>
    public static async Task<bool> ReleaseAsync(ZooKeeperClient client, QueueEntry entry, CancellationToken cancellationToken = default)
    {
        if (await HeldLockVersionAsync(client, entry, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            return false;
        }
        await RecipeCalls.RetryAsync(() => client.DeleteAsync(LockPath(entry), version, cancellationToken), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string EntriesPath(string path) => ZooKeeperPath.Combine(path, "entries");

    private static string TakenPath(string path) => ZooKeeperPath.Combine(path, "taken");

    private static string LockPath(QueueEntry entry) => ZooKeeperPath.Combine(TakenPath(entry.QueuePath), entry.Name);

    /// <summary>The lock node's version while it holds this consumer's id (kazoo's holds_lock), else null.</summary>
    private static async Task<int?> HeldLockVersionAsync(ZooKeeperClient client, QueueEntry entry, CancellationToken cancellationToken)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (entry?.LockId is null) throw new ArgumentException("The entry was not taken from a locking queue.", nameof(entry));
        try
        {
            var read = await RecipeCalls.RetryAsync(() => client.GetDataAsync(LockPath(entry), null, cancellationToken), cancellationToken).ConfigureAwait(false);
            return Encoding.UTF8.GetString(read.Data) == entry.LockId ? read.Stat.Version : null;
        }
        catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
        {
            return null;
        }
    }

    /// <summary>Locks one entry and reads it; null when another consumer locked it first or it was consumed meanwhile.</summary>
    private static async Task<QueueEntry?> TryLockAsync(ZooKeeperClient client, string path, string name, string lockId, CancellationToken cancellationToken)
    {
        var lockPath = ZooKeeperPath.Combine(TakenPath(path), name);
        var lockData = Encoding.UTF8.GetBytes(lockId);
        try
        {
            await RecipeCalls.RetryAsync(() => client.CreateAsync(lockPath, lockData, CreateMode.Ephemeral, null, null, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ZooKeeperException exists) when (exists.Code == ErrorCode.NodeExists)
        {
            // Another consumer's lock, or this create's own lost first attempt: the id tells.
            var holder = await RecipeCalls.RetryAsync(() => client.GetDataAsync(lockPath, null, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (Encoding.UTF8.GetString(holder.Data) != lockId)
            {
                return null;
            }
        }
        try
        {
            var read = await RecipeCalls.RetryAsync(() => client.GetDataAsync(ZooKeeperPath.Combine(EntriesPath(path), name), null, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return new QueueEntry(path, name, read.Data) { LockId = lockId };
        }
        catch (ZooKeeperException consumed) when (consumed.Code == ErrorCode.NoNode)
        {
            try
            {
                await RecipeCalls.RetryAsync(() => client.DeleteAsync(lockPath, -1, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
            {
                // This lock's repeated delete after a lost connection.
            }
            return null;
        }
    }
}
