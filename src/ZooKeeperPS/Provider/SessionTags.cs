using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace ZooKeeperPS;

/// <summary>
/// The names by which provider paths say which session they are on: the first segment of every path of the ZooKeeper
/// provider is its session's tag (the session id when it was first used, such as 0x1000a3c2f5e0000), so that an
/// item's PSPath, and the destination of Copy-Item from one drive to another, always lead back to the right cluster.
/// </summary>
internal static class SessionTags
{
    private static readonly ConditionalWeakTable<ZkSession, string> TagOf = new();
    private static readonly Dictionary<string, WeakReference<ZkSession>> SessionOf = new(StringComparer.OrdinalIgnoreCase);

    public static string For(ZkSession session)
    {
        lock (SessionOf)
        {
            if (TagOf.TryGetValue(session, out var known))
            {
                return known;
            }
            var tag = session.Id;
            for (var n = 2; SessionOf.TryGetValue(tag, out var other) && other.TryGetTarget(out _); n++)
            {
                tag = $"{session.Id}-{n}";
            }
            TagOf.Add(session, tag);
            SessionOf[tag] = new WeakReference<ZkSession>(session);
            return tag;
        }
    }

    /// <summary>The session with this tag, or null when it is unknown or gone.</summary>
    public static ZkSession? Find(string tag)
    {
        lock (SessionOf)
        {
            return SessionOf.TryGetValue(tag, out var weak) && weak.TryGetTarget(out var session) ? session : null;
        }
    }
}
