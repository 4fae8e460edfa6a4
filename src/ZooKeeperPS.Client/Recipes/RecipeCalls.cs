using System;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// What the recipes share about talking to the server: calls that outlive a lost connection (the session reconnects by
/// itself, so a ConnectionLoss is worth another try while the session lives), and making a path's missing nodes.
/// </summary>
internal static class RecipeCalls
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Runs <paramref name="call"/> until it does not fail with ConnectionLoss. Only for calls that are safe to repeat
    /// (reads, deletes, creates of known names); the session's end (expiry, close) and the token stop it.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ZooKeeperException lost) when (lost.Code == ErrorCode.ConnectionLoss)
            {
                await Task.Delay(RetryPause, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static Task RetryAsync(Func<Task> call, CancellationToken cancellationToken) =>
        RetryAsync(async () => { await call().ConfigureAwait(false); return true; }, cancellationToken);

    /// <summary>Creates <paramref name="path"/> and its missing parents as persistent nodes with empty data (kazoo's ensure_path).</summary>
    public static async Task EnsurePathAsync(ZooKeeperClient client, string path, CancellationToken cancellationToken)
    {
        if (path == "/" || await RetryAsync(() => client.ExistsAsync(path, null, cancellationToken), cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }
        await EnsurePathAsync(client, ZooKeeperPath.GetParent(path), cancellationToken).ConfigureAwait(false);
        try
        {
            await RetryAsync(() => client.CreateAsync(path, Array.Empty<byte>(), CreateMode.Persistent, null, null, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException exists) when (exists.Code == ErrorCode.NodeExists)
        {
            // Another contender (or this create's lost first attempt) made it.
        }
    }

    /// <summary>
    /// A protected sequential create (<see cref="ProtectedCreate"/>) that outlives lost connections: after one, the
    /// node with its GUID is looked for before the create is sent again.
    /// </summary>
    public static async Task<CreateResult> CreateProtectedAsync(ZooKeeperClient client, string protectedPath, byte[] data,
        CreateMode mode, CancellationToken cancellationToken)
    {
        var mayExist = false;
        while (true)
        {
            try
            {
                if (mayExist && await ProtectedCreate.FindAsync(client, protectedPath, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    return found;
                }
                return await client.CreateAsync(protectedPath, data, mode, null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException lost) when (lost.Code == ErrorCode.ConnectionLoss)
            {
                mayExist |= lost.RequestSent;
                await Task.Delay(RetryPause, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
