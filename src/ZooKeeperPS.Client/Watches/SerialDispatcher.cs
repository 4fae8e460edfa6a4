using System;
using System.Collections.Concurrent;
using System.Threading;

namespace ZooKeeperPS.Client.Watches;

/// <summary>
/// Runs watch callbacks and state events one at a time, in order, on the thread pool, never on the receive loop.
/// A callback that throws is reported to the log and does not stop the queue.
/// </summary>
internal sealed class SerialDispatcher
{
    private readonly ConcurrentQueue<Action> _work = new();
    private readonly Action<string> _log;
    private int _running;

    public SerialDispatcher(Action<string> log) => _log = log;

    public void Enqueue(Action work)
    {
        _work.Enqueue(work);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
            ThreadPool.QueueUserWorkItem(_ => Drain());
    }

    private void Drain()
    {
        while (true)
        {
            while (_work.TryDequeue(out var work))
            {
                try
                {
                    work();
                }
                catch (Exception e)
                {
                    _log("a watch or state callback threw: " + e);
                }
            }

            Volatile.Write(ref _running, 0);
            // Work enqueued after the queue looked empty but before _running was cleared would otherwise wait.
            if (_work.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
        }
    }
}
