using System;
using System.Collections.Generic;

namespace ZooKeeperPS;

/// <summary>The last few paths added, for a quick "was it just written?" (see ZooKeeperProvider.ItemExists).</summary>
internal sealed class RecentPaths
{
    private readonly int _capacity;
    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public RecentPaths(int capacity) => _capacity = capacity;

    public void Add(string path)
    {
        if (!_paths.Add(path))
        {
            return;
        }
        _order.Enqueue(path);
        if (_order.Count > _capacity)
        {
            _paths.Remove(_order.Dequeue());
        }
    }

    public bool Contains(string path) => _paths.Contains(path);
}
