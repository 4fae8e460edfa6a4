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
/// Walks a subtree breadth-first with many requests in flight, yielding nodes on the pipeline thread in request
/// order as the replies arrive, so the first node comes out long before a large walk ends. Nodes are read (data or
/// children) 16 per multiRead where the server has it (3.6+), one request per node where it does not. Only the
/// requests in flight (bounded) and the paths still to visit are held; nodes already yielded are not.
/// </summary>
internal sealed class SubtreeWalker
{
    /// <summary>Nodes per multiRead; Connect-ZooKeeper sets a frame limit that a reply for this many full nodes fits.</summary>
    public const int ReadsPerBatch = 16;
    private const int MaxNodesInFlight = RequestWindow.DefaultCapacity;

    private enum Kind { Children, Data }

    private sealed class InFlight
    {
        public InFlight(Kind kind, List<(string Path, int Depth)> nodes, Task request)
        {
            Kind = kind;
            Nodes = nodes;
            Request = request;
        }

        public Kind Kind { get; }
        public List<(string Path, int Depth)> Nodes { get; }
        public Task Request { get; }
    }

    private readonly ZkCmdlet _cmdlet;
    private readonly ZkSession _session;
    private readonly Queue<(Kind Kind, string Path, int Depth)> _toVisit = new();
    private readonly Queue<InFlight> _inFlight = new();
    private int _nodesInFlight;
    private bool _multiRead = true;

    public SubtreeWalker(ZkCmdlet cmdlet, ZkSession session)
    {
        _cmdlet = cmdlet;
        _session = session;
    }

    /// <summary>
    /// The nodes under <paramref name="root"/> down to <paramref name="maxDepth"/> whose name <paramref name="include"/>
    /// accepts (excluded nodes are still descended into). With <paramref name="withData"/> each node comes with its
    /// data and stat (getChildren only for nodes that have children).
    /// A failure on the root is written as the error for <paramref name="root"/>; nodes that vanish during the walk are skipped.
    /// </summary>
    public IEnumerable<WalkedNode> Walk(string root, int maxDepth, bool withData, Func<string, bool>? include = null)
    {
        _toVisit.Enqueue((Kind.Children, root, -1));
        while (_toVisit.Count > 0 || _inFlight.Count > 0)
        {
            IssueVisits();
            var entry = _inFlight.Peek();
            _cmdlet.WaitFor(entry.Request, _session);
            _inFlight.Dequeue();
            _nodesInFlight -= entry.Nodes.Count;

            foreach (var reply in Replies(entry))
            {
                if (reply.Failure is not null)
                {
                    // The root must exist; a node below it may have been deleted since it was listed.
                    if (reply.Depth < 0 || reply.Failure is not ZooKeeperException { Code: ErrorCode.NoNode })
                    {
                        _cmdlet.WriteFailure(reply.Failure, reply.Path);
                    }
                    continue;
                }

                if (reply.Data is not null)
                {
                    yield return new WalkedNode(reply.Path, reply.Depth, reply.Data);
                    if (reply.Depth < maxDepth && reply.Data.Stat.NumChildren > 0)
                    {
                        _toVisit.Enqueue((Kind.Children, reply.Path, reply.Depth));
                    }
                    continue;
                }

                var childDepth = reply.Depth + 1;
                foreach (var name in reply.Children!.OrderBy(n => n, StringComparer.Ordinal))
                {
                    var childPath = reply.Path == "/" ? "/" + name : reply.Path + "/" + name;
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
    }

    /// <summary>How many nodes are queued or in flight, for progress messages.</summary>
    public int Pending => _toVisit.Count + _nodesInFlight;

    /// <summary>Sends the visits waiting, consecutive visits of one kind together in a multiRead, up to the in-flight bound.</summary>
    private void IssueVisits()
    {
        while (_nodesInFlight < MaxNodesInFlight && _toVisit.Count > 0)
        {
            var visit = _toVisit.Dequeue();
            var nodes = new List<(string Path, int Depth)> { (visit.Path, visit.Depth) };
            while (_multiRead && nodes.Count < ReadsPerBatch && _toVisit.Count > 0 && _toVisit.Peek().Kind == visit.Kind)
            {
                var next = _toVisit.Dequeue();
                nodes.Add((next.Path, next.Depth));
            }
            var request = nodes.Count == 1 ? ReadOne(visit.Kind, visit.Path) : ReadMany(visit.Kind, nodes);
            _inFlight.Enqueue(new InFlight(visit.Kind, nodes, request));
            _nodesInFlight += nodes.Count;
        }
    }

    private Task ReadOne(Kind kind, string path)
    {
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        return kind == Kind.Children
            ? ZkCmdlet.Start(() => client.GetChildrenAsync(path, null, token))
            : ZkCmdlet.Start(() => client.GetDataAsync(path, null, token));
    }

    private Task ReadMany(Kind kind, List<(string Path, int Depth)> nodes)
    {
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        var ops = nodes.Select(node => kind == Kind.Children ? Op.GetChildren(node.Path) : Op.GetData(node.Path)).ToList();
        return ZkCmdlet.Start(() => client.MultiReadAsync(ops, token));
    }

    /// <summary>A node's reply: its data, its children, or the failure that concerns it.</summary>
    private readonly struct Reply
    {
        public Reply(string path, int depth, DataResult? data, IReadOnlyList<string>? children, Exception? failure)
        {
            Path = path;
            Depth = depth;
            Data = data;
            Children = children;
            Failure = failure;
        }

        public string Path { get; }
        public int Depth { get; }
        public DataResult? Data { get; }
        public IReadOnlyList<string>? Children { get; }
        public Exception? Failure { get; }
    }

    /// <summary>The reply for each node of a completed request, single or multiRead.</summary>
    private List<Reply> Replies(InFlight entry)
    {
        var request = entry.Request;
        var replies = new List<Reply>();
        if (entry.Nodes.Count == 1)
        {
            var (path, depth) = entry.Nodes[0];
            replies.Add(request.Status != TaskStatus.RanToCompletion ? new Reply(path, depth, null, null, FailureOf(request))
                : request is Task<DataResult> data ? new Reply(path, depth, data.Result, null, null)
                : new Reply(path, depth, null, ((Task<ChildrenResult>)request).Result.Children, null));
            return replies;
        }

        if (request.Status == TaskStatus.RanToCompletion)
        {
            var results = ((Task<IReadOnlyList<OpResult>>)request).Result;
            for (var i = 0; i < entry.Nodes.Count; i++)
            {
                var (path, depth) = entry.Nodes[i];
                replies.Add(results[i] switch
                {
                    GetDataOpResult read => new Reply(path, depth, new DataResult(read.Data, read.Stat), null, null),
                    GetChildrenOpResult list => new Reply(path, depth, null, list.Children, null),
                    var failed => new Reply(path, depth, null, null, new ZooKeeperException(failed.Error, path)),
                });
            }
        }
        else if (FailureOf(request) is NotSupportedException)
        {
            // A server older than 3.6: these nodes, and all later ones, one request each.
            _multiRead = false;
            var reads = entry.Nodes.Select(node => ReadOne(entry.Kind, node.Path)).ToList();
            for (var i = 0; i < reads.Count; i++)
            {
                _cmdlet.WaitFor(reads[i], _session);
                replies.AddRange(Replies(new InFlight(entry.Kind, new List<(string, int)> { entry.Nodes[i] }, reads[i])));
            }
        }
        else
        {
            var failure = FailureOf(request);
            replies.AddRange(entry.Nodes.Select(node => new Reply(node.Path, node.Depth, null, null, failure)));
        }
        return replies;
    }

    private static Exception FailureOf(Task request) =>
        request.IsCanceled ? new OperationCanceledException() : ZkErrors.Unwrap(request.Exception!);
}
