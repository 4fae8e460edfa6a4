using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>An entry taken from (or put into) a queue: its node's name, the priority in that name, and its data.</summary>
public sealed class QueueEntry
{
    internal QueueEntry(string queuePath, string name, byte[] data)
    {
        QueuePath = queuePath;
        Name = name;
        Data = data;
        Priority = ZooKeeperQueue.PriorityOf(name);
    }

    public string QueuePath { get; }

    /// <summary>The entry's node name, entry-&lt;priority&gt;-&lt;sequence&gt; when kazoo's Queue or this client put it.</summary>
    public string Name { get; }

    /// <summary>The priority from the name (0 is served first); null for a child not named like an entry.</summary>
    public int? Priority { get; }

    public byte[] Data { get; }

    /// <summary>The consumer's id in the entry's lock node when taken from a locking queue (<see cref="ZooKeeperLockingQueue"/>); null otherwise.</summary>
    public string? LockId { get; internal set; }
}

/// <summary>
/// A queue in the node layout of kazoo's Queue, so kazoo programs and this client put and take on one path. An entry
/// is a persistent sequential child named "entry-&lt;priority, 3 digits&gt;-" plus the server's sequence number, so
/// that sorting the children by name serves lower priorities first and, within one priority, in the order put.
/// Taking reads the first child and deletes it; when another consumer deleted it first, the next one is tried. As in
/// kazoo, an entry is removed before it is processed: a consumer that fails afterwards loses it.
/// </summary>
public static class ZooKeeperQueue
{
    public const int DefaultPriority = 100;
    private const string Prefix = "entry-";

    /// <summary>
    /// Puts an entry (<paramref name="priority"/> 0..999, lower first). A missing queue path is created with its
    /// parents. A create whose connection was lost after it was sent is not sent again (a second entry could result):
    /// its ConnectionLoss reaches the caller.
    /// </summary>
    public static async Task<QueueEntry> PutAsync(ZooKeeperClient client, string path, byte[] data, int priority = DefaultPriority,
        CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (priority is < 0 or > 999) throw new ArgumentOutOfRangeException(nameof(priority), priority, "A queue priority is 0 to 999.");
        var entryPath = ZooKeeperPath.Combine(path, Prefix + priority.ToString("D3", CultureInfo.InvariantCulture) + "-");
        try
        {
            return await CreateUnlessSentAsync(client, path, entryPath, data, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException missing) when (missing.Code == ErrorCode.NoNode)
        {
            await RecipeCalls.EnsurePathAsync(client, path, cancellationToken).ConfigureAwait(false);
            return await CreateUnlessSentAsync(client, path, entryPath, data, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes the first entry, waiting up to <paramref name="timeout"/> for one when the queue is empty (zero: not at
    /// all, as kazoo's get; null: for ever); null when none came. A missing queue path is created, as kazoo does.
    /// </summary>
    public static async Task<QueueEntry?> TakeAsync(ZooKeeperClient client, string path, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        using var deadline = timeout is { } limit && limit != TimeSpan.Zero ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        await RecipeCalls.EnsurePathAsync(client, path, cancellationToken).ConfigureAwait(false);
        var listWithWatch = false;
        try
        {
            while (true)
            {
                var added = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                Action<WatchedEvent>? watcher = listWithWatch ? _ => added.TrySetResult(true) : null;
                var children = await RecipeCalls.RetryAsync(() => client.GetChildrenAsync(path, watcher, stop.Token), stop.Token).ConfigureAwait(false);
                foreach (var name in children.Children.OrderBy(n => n, StringComparer.Ordinal))
                {
                    if (await TryTakeAsync(client, path, name, stop.Token).ConfigureAwait(false) is { } taken)
                    {
                        return taken;
                    }
                }
                if (timeout == TimeSpan.Zero)
                {
                    return null;
                }
                if (!listWithWatch || children.Children.Count > 0)
                {
                    // Empty (or every entry was taken by others): list again, this time watching for the next put.
                    listWithWatch = true;
                    continue;
                }
                using (stop.Token.Register(() => added.TrySetCanceled(stop.Token)))
                {
                    await added.Task.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The priority in an entry's name (entry-042-0000000007 is 42), or null.</summary>
    public static int? PriorityOf(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || name.Length < Prefix.Length + 4 || name[Prefix.Length + 3] != '-')
        {
            return null;
        }
        return int.TryParse(name.Substring(Prefix.Length, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var priority) ? priority : null;
    }

    /// <summary>
    /// Reads and deletes one entry; null when another consumer took it first. A delete whose connection was lost after
    /// it was sent is tried again, and when the entry is gone then, it counts as taken by this one: the entry may reach
    /// two consumers in that rare case, but it is not lost.
    /// </summary>
    private static async Task<QueueEntry?> TryTakeAsync(ZooKeeperClient client, string path, string name, CancellationToken cancellationToken)
    {
        var entryPath = ZooKeeperPath.Combine(path, name);
        DataResult read;
        try
        {
            read = await RecipeCalls.RetryAsync(() => client.GetDataAsync(entryPath, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
        {
            return null;
        }
        var deleteMayHaveHappened = false;
        while (true)
        {
            try
            {
                await client.DeleteAsync(entryPath, -1, cancellationToken).ConfigureAwait(false);
                return new QueueEntry(path, name, read.Data);
            }
            catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
            {
                return deleteMayHaveHappened ? new QueueEntry(path, name, read.Data) : null;
            }
            catch (ZooKeeperException lost) when (lost.Code == ErrorCode.ConnectionLoss)
            {
                deleteMayHaveHappened |= lost.RequestSent;
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<QueueEntry> CreateUnlessSentAsync(ZooKeeperClient client, string path, string entryPath, byte[] data,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var created = await client.CreateAsync(entryPath, data, CreateMode.PersistentSequential, null, null, cancellationToken).ConfigureAwait(false);
                return new QueueEntry(path, ZooKeeperPath.GetName(created.Path), data);
            }
            catch (ZooKeeperException lost) when (lost.Code == ErrorCode.ConnectionLoss && !lost.RequestSent)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
