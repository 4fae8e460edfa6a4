using System.Collections.Concurrent;
using System.Threading;

namespace ZooKeeperPS;

/// <summary>
/// Connection diagnostics from the client's background threads, held until a cmdlet on the pipeline thread writes
/// them as verbose messages. Bounded: only the most recent messages are kept while nobody reads.
/// </summary>
internal sealed class ConnectionLog
{
    private const int Capacity = 200;
    private readonly ConcurrentQueue<string> _messages = new();
    private int _count;

    public void Add(string message)
    {
        _messages.Enqueue(message);
        if (Interlocked.Increment(ref _count) > Capacity && _messages.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public bool TryTake(out string message)
    {
        if (_messages.TryDequeue(out message!))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }
        return false;
    }
}
