using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol.Requests;

namespace ZooKeeperPS.Client.Session;

/// <summary>
/// Requests waiting for the send loop of the current (or next) connection, and the signal that wakes that loop.
/// Only the first wake-up after the loop started waiting releases it, so a burst of requests costs one wake-up.
/// </summary>
internal sealed class RequestQueue
{
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly SemaphoreSlim _wakeUp = new(0, int.MaxValue);
    private int _armed;

    public bool IsEmpty => _requests.IsEmpty;

    public void Enqueue(Request request)
    {
        _requests.Enqueue(request);
        Wake();
    }

    public bool TryDequeue(out Request request) => _requests.TryDequeue(out request!);

    /// <summary>Wakes the send loop (for a request, or for a ping that the heartbeat wants sent).</summary>
    public void Wake()
    {
        if (Interlocked.CompareExchange(ref _armed, 1, 0) == 0) _wakeUp.Release();
    }

    /// <summary>Waits for a wake-up since the last wait; the send loop then drains the queue.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _wakeUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _armed, 0);
    }

    /// <summary>
    /// Fails every request still queued with <paramref name="lost"/>'s exception. They never reached a socket, so a
    /// ConnectionLoss among them says RequestSent = false: sending such a request again is safe.
    /// </summary>
    public void FailAll(Func<string?, Exception> lost)
    {
        while (_requests.TryDequeue(out var request))
        {
            var exception = lost(request.Path);
            if (exception is ZooKeeperException { Code: ErrorCode.ConnectionLoss } unsent) unsent.RequestSent = false;
            request.Fail(exception);
        }
    }
}
