using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// A double barrier in the node layout of kazoo's DoubleBarrier, so kazoo programs and this client enter and leave
/// together. Entering makes an ephemeral child named by a hex GUID (data: the identifier) and waits until the barrier
/// holds <see cref="Count"/> members; the one that sees them all creates the child "ready", which releases the
/// others (each watches it). Leaving deletes "ready" and waits until every member has left: the lowest-named member
/// waits for the highest to go, every other member deletes its own node and waits for the lowest to go.
/// </summary>
public sealed class ZooKeeperDoubleBarrier
{
    private const string ReadyName = "ready";

    public ZooKeeperDoubleBarrier(ZooKeeperClient client, string path, int count, string identifier)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A double barrier has at least one member.");
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Path = path;
        Count = count;
        Identifier = identifier ?? throw new ArgumentNullException(nameof(identifier));
        Name = Guid.NewGuid().ToString("N");
    }

    public ZooKeeperClient Client { get; }

    public string Path { get; }

    /// <summary>How many members must enter before any goes on (kazoo's num_clients).</summary>
    public int Count { get; }

    public string Identifier { get; }

    /// <summary>This member's node name.</summary>
    public string Name { get; }

    public string NodePath => ZooKeeperPath.Combine(Path, Name);

    /// <summary>Enters and waits until <see cref="Count"/> members entered: true, or false (and out again) when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> EnterAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var deadline = timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var readyPath = ZooKeeperPath.Combine(Path, ReadyName);
        try
        {
            await RecipeCalls.EnsurePathAsync(Client, Path, stop.Token).ConfigureAwait(false);
            await CreateIgnoringExistsAsync(NodePath, Encoding.UTF8.GetBytes(Identifier), CreateMode.Ephemeral, stop.Token).ConfigureAwait(false);
            while (true)
            {
                var created = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (await RecipeCalls.RetryAsync(() => Client.ExistsAsync(readyPath, _ => created.TrySetResult(true), stop.Token), stop.Token)
                    .ConfigureAwait(false) is not null)
                {
                    return true;
                }
                var children = await RecipeCalls.RetryAsync(() => Client.GetChildrenAsync(Path, null, stop.Token), stop.Token).ConfigureAwait(false);
                if (children.Children.Count(n => n != ReadyName) >= Count)
                {
                    await CreateIgnoringExistsAsync(readyPath, Array.Empty<byte>(), CreateMode.Persistent, stop.Token).ConfigureAwait(false);
                    return true;
                }
                using (stop.Token.Register(() => created.TrySetCanceled(stop.Token)))
                {
                    await created.Task.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await DeleteIgnoringMissingAsync(NodePath, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        catch
        {
            _ = DeleteIgnoringMissingAsync(NodePath, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Leaves and waits until every member has left: true, or false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> LeaveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var deadline = timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await DeleteIgnoringMissingAsync(ZooKeeperPath.Combine(Path, ReadyName), stop.Token).ConfigureAwait(false);
            while (true)
            {
                var children = await RecipeCalls.RetryAsync(() => Client.GetChildrenAsync(Path, null, stop.Token), stop.Token).ConfigureAwait(false);
                var members = children.Children.Where(n => n != ReadyName).OrderBy(n => n, StringComparer.Ordinal).ToList();
                if (members.Count == 0)
                {
                    return true;
                }
                if (members.Count == 1 && members[0] == Name)
                {
                    await DeleteIgnoringMissingAsync(NodePath, stop.Token).ConfigureAwait(false);
                    return true;
                }
                string awaited;
                if (members[0] == Name)
                {
                    awaited = members[members.Count - 1];
                }
                else
                {
                    if (members.Contains(Name))
                    {
                        await DeleteIgnoringMissingAsync(NodePath, stop.Token).ConfigureAwait(false);
                    }
                    awaited = members[0];
                }
                await WaitForDeletionAsync(ZooKeeperPath.Combine(Path, awaited), stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task WaitForDeletionAsync(string path, CancellationToken cancellationToken)
    {
        var changed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (await RecipeCalls.RetryAsync(() => Client.ExistsAsync(path, _ => changed.TrySetResult(true), cancellationToken), cancellationToken)
            .ConfigureAwait(false) is null)
        {
            return;
        }
        using (cancellationToken.Register(() => changed.TrySetCanceled(cancellationToken)))
        {
            await changed.Task.ConfigureAwait(false);
        }
    }

    private async Task CreateIgnoringExistsAsync(string path, byte[] data, CreateMode mode, CancellationToken cancellationToken)
    {
        try
        {
            await RecipeCalls.RetryAsync(() => Client.CreateAsync(path, data, mode, null, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException exists) when (exists.Code == ErrorCode.NodeExists)
        {
            // Made by this create's lost first attempt (the name is this member's alone), or "ready" by another member.
        }
    }

    private async Task DeleteIgnoringMissingAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await RecipeCalls.RetryAsync(() => Client.DeleteAsync(path, -1, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
        {
            // Left already, or "ready" deleted by another member.
        }
    }
}
