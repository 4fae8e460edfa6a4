using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Connection;

/// <summary>
/// Wakes the send loop when work is queued. Only the first Set after the loop started waiting releases the
/// semaphore, so a burst of requests costs one wake-up, not one per request.
/// </summary>
internal sealed class SendSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, int.MaxValue);
    private int _armed;

    public void Set()
    {
        if (Interlocked.CompareExchange(ref _armed, 1, 0) == 0) _semaphore.Release();
    }

    /// <summary>Waits for a Set since the last wait; the caller then drains its queues.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _armed, 0);
    }
}
