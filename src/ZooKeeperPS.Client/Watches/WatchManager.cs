using System;
using System.Collections.Generic;
using ZooKeeperPS.Client.Protocol.Requests;

namespace ZooKeeperPS.Client.Watches;

/// <summary>
/// Who watches what, keyed by client path (chroot stripped), and ZooKeeper's rules for which watchers an event
/// fires (ZKWatchManager.materialize). A delegate registered twice on a path fires once.
/// </summary>
internal sealed class WatchManager
{
    private static readonly WatchKind[] AllKinds =
        { WatchKind.Data, WatchKind.Exist, WatchKind.Child, WatchKind.Persistent, WatchKind.PersistentRecursive };

    private readonly object _gate = new();
    private readonly Dictionary<string, HashSet<Action<WatchedEvent>>>[] _registries;

    public WatchManager()
    {
        _registries = new Dictionary<string, HashSet<Action<WatchedEvent>>>[AllKinds.Length];
        for (var i = 0; i < _registries.Length; i++) _registries[i] = new Dictionary<string, HashSet<Action<WatchedEvent>>>(StringComparer.Ordinal);
    }

    public void Add(WatchKind kind, string path, Action<WatchedEvent> watcher)
    {
        lock (_gate)
        {
            var registry = _registries[(int)kind];
            if (!registry.TryGetValue(path, out var watchers)) registry[path] = watchers = new HashSet<Action<WatchedEvent>>();
            watchers.Add(watcher);
        }
    }

    /// <summary>The watchers a node event fires; one-shot registrations it fires are removed.</summary>
    public IReadOnlyCollection<Action<WatchedEvent>> Materialize(EventType type, string path)
    {
        var result = new Fired();
        lock (_gate)
        {
            switch (type)
            {
                case EventType.NodeCreated:
                case EventType.NodeDataChanged:
                    result.Take(_registries[(int)WatchKind.Data], path);
                    result.Take(_registries[(int)WatchKind.Exist], path);
                    break;
                case EventType.NodeChildrenChanged:
                    result.Take(_registries[(int)WatchKind.Child], path);
                    break;
                case EventType.NodeDeleted:
                    result.Take(_registries[(int)WatchKind.Data], path);
                    result.Take(_registries[(int)WatchKind.Exist], path);
                    result.Take(_registries[(int)WatchKind.Child], path);
                    break;
            }

            result.Copy(_registries[(int)WatchKind.Persistent], path);

            // A recursive watch never reports ChildrenChanged (the server sends those only for child watches).
            if (type != EventType.NodeChildrenChanged)
            {
                var recursive = _registries[(int)WatchKind.PersistentRecursive];
                if (recursive.Count > 0)
                {
                    for (var ancestor = path; ; ancestor = ZooKeeperPath.GetParent(ancestor))
                    {
                        result.Copy(recursive, ancestor);
                        if (ancestor == "/") break;
                    }
                }
            }
        }

        return result.Watchers;
    }

    /// <summary>Every watcher, for state events (which go to all of them); <paramref name="clear"/> forgets them all (session over).</summary>
    public IReadOnlyCollection<Action<WatchedEvent>> All(bool clear)
    {
        var result = new Fired();
        lock (_gate)
        {
            foreach (var registry in _registries)
            {
                foreach (var watchers in registry.Values) result.AddRange(watchers);
                if (clear) registry.Clear();
            }
        }

        return result.Watchers;
    }

    /// <summary>Registered paths by kind, as server paths, in batches of about <paramref name="maxBatchChars"/> characters (SetWatches).</summary>
    public List<WatchPaths> Batches(Chroot chroot, int maxBatchChars)
    {
        var batches = new List<WatchPaths>();
        var current = new WatchPaths();
        var size = 0;
        lock (_gate)
        {
            foreach (var kind in AllKinds)
            {
                foreach (var path in _registries[(int)kind].Keys)
                {
                    var serverPath = chroot.ToServer(path);
                    current.Of(kind).Add(serverPath);
                    size += serverPath.Length;
                    if (size < maxBatchChars) continue;
                    batches.Add(current);
                    current = new WatchPaths();
                    size = 0;
                }
            }
        }

        if (size > 0) batches.Add(current);
        return batches;
    }

    /// <summary>The kinds a <see cref="WatcherType"/> covers.</summary>
    public static IReadOnlyList<WatchKind> KindsOf(WatcherType type) => type switch
    {
        WatcherType.Children => new[] { WatchKind.Child },
        WatcherType.Data => new[] { WatchKind.Data, WatchKind.Exist },
        WatcherType.Persistent => new[] { WatchKind.Persistent },
        WatcherType.PersistentRecursive => new[] { WatchKind.PersistentRecursive },
        _ => AllKinds,
    };

    /// <summary>True when a watcher (or, for null, any watcher) of the given kinds is registered on the path.</summary>
    public bool Contains(string path, IReadOnlyList<WatchKind> kinds, Action<WatchedEvent>? watcher)
    {
        lock (_gate)
        {
            foreach (var kind in kinds)
                if (_registries[(int)kind].TryGetValue(path, out var watchers) && (watcher is null || watchers.Contains(watcher)))
                    return true;
            return false;
        }
    }

    /// <summary>True when, besides <paramref name="watcher"/>, other watchers of these kinds remain on the path.</summary>
    public bool HasOthers(string path, IReadOnlyList<WatchKind> kinds, Action<WatchedEvent> watcher)
    {
        lock (_gate)
        {
            foreach (var kind in kinds)
                if (_registries[(int)kind].TryGetValue(path, out var watchers))
                    foreach (var other in watchers)
                        if (!other.Equals(watcher)) return true;
            return false;
        }
    }

    /// <summary>Removes a watcher (or all, for null) of the given kinds from the path; returns what was removed, by kind.</summary>
    public List<(WatchKind Kind, Action<WatchedEvent> Watcher)> Remove(string path, IReadOnlyList<WatchKind> kinds, Action<WatchedEvent>? watcher)
    {
        var removed = new List<(WatchKind, Action<WatchedEvent>)>();
        lock (_gate)
        {
            foreach (var kind in kinds)
            {
                var registry = _registries[(int)kind];
                if (!registry.TryGetValue(path, out var watchers)) continue;
                if (watcher is null)
                {
                    foreach (var w in watchers) removed.Add((kind, w));
                    registry.Remove(path);
                }
                else if (watchers.Remove(watcher))
                {
                    removed.Add((kind, watcher));
                    if (watchers.Count == 0) registry.Remove(path);
                }
            }
        }

        return removed;
    }

    /// <summary>Collects fired watchers once each, in order.</summary>
    private sealed class Fired
    {
        private readonly List<Action<WatchedEvent>> _list = new();
        private HashSet<Action<WatchedEvent>>? _seen;

        public IReadOnlyCollection<Action<WatchedEvent>> Watchers => _list;

        public void Take(Dictionary<string, HashSet<Action<WatchedEvent>>> registry, string path)
        {
            if (!registry.TryGetValue(path, out var watchers)) return;
            registry.Remove(path);
            AddRange(watchers);
        }

        public void Copy(Dictionary<string, HashSet<Action<WatchedEvent>>> registry, string path)
        {
            if (registry.TryGetValue(path, out var watchers)) AddRange(watchers);
        }

        public void AddRange(IEnumerable<Action<WatchedEvent>> watchers)
        {
            foreach (var watcher in watchers)
            {
                _seen ??= new HashSet<Action<WatchedEvent>>();
                if (_seen.Add(watcher)) _list.Add(watcher);
            }
        }
    }
}
