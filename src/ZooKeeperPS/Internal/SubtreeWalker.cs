using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Commands;

namespace ZooKeeperPS;

/// <summary>A node found by <see cref="SubtreeWalker"/>: its path, its depth below the root (children of the root are 0), and its data when asked for.</summary>
internal readonly struct WalkedNode
{
    public WalkedNode(string path, int depth, DataResult? data)
    {
        Path = path;
        Depth = depth;
        Data = data;
    }

    public string Path { get; }
    public int Depth { get; }
    public DataResult? Data { get; }
}

/// <summary>
/// Walks a subtree breadth-first with many getChildren/getData requests in flight, yielding nodes on the pipeline
/// thread as their replies arrive (in request order), so the first node comes out long before a large walk ends.
/// Only the requests in flight (bounded) and the paths still to visit are held; nodes already yielded are not.
/// </summary>
internal sealed class SubtreeWalker
{
    private enum Kind { Children, Data }

    private readonly ZkCmdlet _cmdlet;
    private readonly ZkSession _session;
    private readonly Queue<(Kind Kind, string Path, int Depth)> _toVisit = new();
    private readonly Queue<(Kind Kind, string Path, int Depth, Task Request)> _inFlight = new();

    public SubtreeWalker(ZkCmdlet cmdlet, ZkSession session)
    {
        _cmdlet = cmdlet;
        _session = session;
    }

    /// <summary>
    /// The nodes under <paramref name="root"/> down to <paramref name="maxDepth"/> whose name <paramref name="include"/>
    /// accepts (excluded nodes are still descended into). With <paramref name="withData"/> each node comes with its
    /// data and stat (one getData per node; getChildren only for nodes that have children).
    /// A failure on the root is written as the error for <paramref name="root"/>; nodes that vanish during the walk are skipped.
    /// </summary>
    public IEnumerable<WalkedNode> Walk(string root, int maxDepth, bool withData, Func<string, bool>? include = null)
    {
        _toVisit.Enqueue((Kind.Children, root, -1));
        while (_toVisit.Count > 0 || _inFlight.Count > 0)
        {
            while (_inFlight.Count < RequestWindow.DefaultCapacity && _toVisit.Count > 0)
            {
                Issue(_toVisit.Dequeue());
            }

            var (kind, path, depth, request) = _inFlight.Peek();
            _cmdlet.WaitFor(request, _session);
            _inFlight.Dequeue();

            if (request.Status != TaskStatus.RanToCompletion)
            {
                // A node deleted while the walk runs is simply not there any more; the root must exist.
                var vanished = request.IsFaulted
                    && ZkErrors.Unwrap(request.Exception!) is ZooKeeperException { Code: ErrorCode.NoNode };
                if (depth < 0 || !vanished)
                {
                    _cmdlet.WriteFailure(request, path);
                }
                continue;
            }

            if (kind == Kind.Data)
            {
                var data = ((Task<DataResult>)request).Result;
                yield return new WalkedNode(path, depth, data);
                if (depth < maxDepth && data.Stat.NumChildren > 0)
                {
                    _toVisit.Enqueue((Kind.Children, path, depth));
                }
                continue;
            }

            var childDepth = depth + 1;
            foreach (var name in ((Task<ChildrenResult>)request).Result.Children.OrderBy(n => n, StringComparer.Ordinal))
            {
                var childPath = path == "/" ? "/" + name : path + "/" + name;
                var included = include is null || include(name);
                if (included && withData)
                {
                    _toVisit.Enqueue((Kind.Data, childPath, childDepth));
                    continue;
                }
                if (included)
                {
                    yield return new WalkedNode(childPath, childDepth, null);
                }
                if (childDepth < maxDepth)
                {
                    _toVisit.Enqueue((Kind.Children, childPath, childDepth));
                }
            }
        }
    }

    /// <summary>How many nodes are queued or in flight, for progress messages.</summary>
    public int Pending => _toVisit.Count + _inFlight.Count;

    private void Issue((Kind Kind, string Path, int Depth) visit)
    {
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        Task request = visit.Kind == Kind.Children
            ? ZkCmdlet.Start(() => client.GetChildrenAsync(visit.Path, null, token))
            : ZkCmdlet.Start(() => client.GetDataAsync(visit.Path, null, token));
        _inFlight.Enqueue((visit.Kind, visit.Path, visit.Depth, request));
    }
}
