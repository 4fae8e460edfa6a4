using System.Text;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>An entry put into a queue (Add-ZkQueueItem -PassThru) or taken from one (Receive-ZkQueueItem).</summary>
public sealed class ZkQueueItem
{
    internal ZkQueueItem(ZkSession session, QueueEntry entry, Encoding encoding)
    {
        Session = session;
        Entry = entry;
        Path = entry.QueuePath;
        Name = entry.Name;
        Priority = entry.Priority;
        Data = entry.Data;
        Value = encoding.GetString(entry.Data);
    }

    /// <summary>The queue's path.</summary>
    public string Path { get; }

    /// <summary>The entry's node name: entry-&lt;priority&gt;-&lt;sequence&gt;.</summary>
    public string Name { get; }

    /// <summary>0 to 999, lower served first; null for a child of the queue not named like an entry.</summary>
    public int? Priority { get; }

    /// <summary>The data decoded as text (UTF-8 unless -Encoding said otherwise).</summary>
    public string Value { get; }

    /// <summary>The data exactly as stored.</summary>
    public byte[] Data { get; }

    /// <summary>Taken from a locking queue (Receive-ZkQueueItem -Locking): locked, not removed, until Complete-ZkQueueItem or Unlock-ZkQueueItem.</summary>
    public bool IsLocked => Entry.LockId is not null;

    public ZkSession Session { get; }

    internal QueueEntry Entry { get; }

    public override string ToString() => Value;
}
