using System;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// A barrier as kazoo's Barrier keeps it: the barrier is up while its node exists, and waiters go on once it is
/// deleted. Waiting is one exists call with a watch (looked at again after any other event on the node); unlike
/// kazoo's wait, a lost connection is outlived while the session lives.
/// </summary>
public static class ZooKeeperBarrier
{
    /// <summary>
    /// Waits until the barrier's node is gone: true, or false once <paramref name="timeout"/> passed first (null: for ever;
    /// zero: only looks).
    /// </summary>
    public static async Task<bool> WaitAsync(ZooKeeperClient client, string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        using var deadline = timeout is { } limit && limit != TimeSpan.Zero ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (true)
            {
                var changed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                var stat = await RecipeCalls.RetryAsync(() => client.ExistsAsync(path, _ => changed.TrySetResult(true), stop.Token), stop.Token)
                    .ConfigureAwait(false);
                if (stat is null)
                {
                    return true;
                }
                if (timeout == TimeSpan.Zero)
                {
                    return false;
                }
                using (stop.Token.Register(() => changed.TrySetCanceled(stop.Token)))
                {
                    await changed.Task.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
