using System.Collections.Generic;

namespace ZooKeeperPS;

/// <summary>
/// Connection diagnostics from the client's background threads, held until a cmdlet on the pipeline thread writes
/// them as verbose messages. Bounded: only the most recent messages are kept while nobody reads. A message repeated
/// in a row (the same connect failure once a second through an outage) is kept once with its count, so the next
/// cmdlet's -Verbose says "connect failed: ... (6 times)" instead of replaying the backlog.
/// </summary>
internal sealed class ConnectionLog
{
    private const int Capacity = 200;
    private readonly Queue<Entry> _entries = new();
    // The newest entry while it is still queued: a repeat of its message only counts.
    private Entry? _newest;

    public void Add(string message)
    {
        lock (_entries)
        {
            if (_newest is not null && _newest.Message == message)
            {
                _newest.Count++;
                return;
            }
            _newest = new Entry(message);
            _entries.Enqueue(_newest);
            if (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }
        }
    }

    public bool TryTake(out string message)
    {
        lock (_entries)
        {
            if (_entries.Count == 0)
            {
                message = "";
                return false;
            }
            var entry = _entries.Dequeue();
            if (ReferenceEquals(entry, _newest))
            {
                _newest = null;
            }
            message = entry.Count == 1 ? entry.Message : $"{entry.Message} ({entry.Count} times)";
            return true;
        }
    }

    private sealed class Entry
    {
        public Entry(string message)
        {
            Message = message;
        }

        public string Message { get; }

        public int Count { get; set; } = 1;
    }
}
