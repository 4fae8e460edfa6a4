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
/// Walks a subtree with many requests in flight, yielding nodes on the pipeline thread in request order as the
/// replies arrive, so the first node comes out long before a large walk ends. Nodes are read (data or children)
/// 16 per multiRead where the server has it (3.6+), one request per node where it does not.
/// Memory stays flat on large trees: reads of listed nodes go before listing more folders, the children that
/// listings in flight will bring are bounded (by the folders' numChildren where known), and folders wait depth first
/// (a stack), so what is held is the requests in flight plus the folders on the current branch, never the whole
/// breadth of the tree.
/// </summary>
internal sealed class SubtreeWalker
{
    /// <summary>Nodes per multiRead; Connect-ZooKeeper sets a frame limit that a reply for this many full nodes fits.</summary>
    public const int ReadsPerBatch = 16;
    private const int MaxNodesInFlight = RequestWindow.DefaultCapacity;

    /// <summary>How many children the listings in flight may bring before no further folder is listed (one folder always may).</summary>
    private const int MaxChildrenExpected = 2 * MaxNodesInFlight;

    private enum Kind { Children, Data }

    private sealed class InFlight
    {
        public InFlight(Kind kind, List<(string Path, int Depth)> nodes, Task request, int childrenExpected = 0)
        {
            Kind = kind;
            Nodes = nodes;
            Request = request;
            ChildrenExpected = childrenExpected;
        }

        public int ChildrenExpected { get; }

        public Kind Kind { get; }
        public List<(string Path, int Depth)> Nodes { get; }
        public Task Request { get; }
    }

    private readonly ZkCmdlet _cmdlet;
    private readonly ZkSession _session;
    private readonly Queue<(string Path, int Depth)> _toRead = new();
    private readonly Stack<Folder> _toList = new();
    private int _childrenExpected;
    private readonly Queue<InFlight> _inFlight = new();
    private int _nodesInFlight;

    /// <summary>A folder still to list, with how many children its stat says it has (1 when unknown).</summary>
    private readonly struct Folder
    {
        public Folder(string path, int depth, int children)
        {
            Path = path;
            Depth = depth;
            Children = children;
        }

        public string Path { get; }
        public int Depth { get; }
        public int Children { get; }
    }
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
        _toList.Push(new Folder(root, -1, 1));
        var foldersFound = new List<Folder>();
        while (_toRead.Count > 0 || _toList.Count > 0 || _inFlight.Count > 0)
        {
            IssueVisits();
            var entry = _inFlight.Peek();
            _cmdlet.WaitFor(entry.Request, _session);
            _inFlight.Dequeue();
            _nodesInFlight -= entry.Nodes.Count;
            _childrenExpected -= entry.ChildrenExpected;

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
                        foldersFound.Add(new Folder(reply.Path, reply.Depth, reply.Data.Stat.NumChildren));
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
                        _toRead.Enqueue((childPath, childDepth));
                        continue;
                    }
                    if (included)
                    {
                        yield return new WalkedNode(childPath, childDepth, null);
                    }
                    if (childDepth < maxDepth)
                    {
                        foldersFound.Add(new Folder(childPath, childDepth, 1));
                    }
                }
            }

            // Pushed in reverse so that siblings are listed in name order.
            for (var i = foldersFound.Count - 1; i >= 0; i--)
            {
                _toList.Push(foldersFound[i]);
            }
            foldersFound.Clear();
        }
    }

    /// <summary>How many nodes are queued or in flight, for progress messages.</summary>
    public int Pending => _toRead.Count + _toList.Count + _nodesInFlight;

    /// <summary>
    /// Sends the visits waiting, up to the in-flight bounds: reads of listed nodes first, folders to list only when no
    /// read waits; up to <see cref="ReadsPerBatch"/> visits of one kind go together in a multiRead.
    /// </summary>
    private void IssueVisits()
    {
        while (_nodesInFlight < MaxNodesInFlight)
        {
            if (_toRead.Count > 0)
            {
                var reads = new List<(string Path, int Depth)>();
                do
                {
                    reads.Add(_toRead.Dequeue());
                }
                while (_multiRead && reads.Count < ReadsPerBatch && _toRead.Count > 0);
                Send(Kind.Data, reads, 0);
                continue;
            }

            if (_toList.Count == 0 || (_childrenExpected > 0 && _childrenExpected >= MaxChildrenExpected))
            {
                return;
            }
            var folders = new List<(string Path, int Depth)>();
            var children = 0;
            do
            {
                var folder = _toList.Pop();
                folders.Add((folder.Path, folder.Depth));
                children += folder.Children;
            }
            while (_multiRead && folders.Count < ReadsPerBatch && _toList.Count > 0
                && _childrenExpected + children + _toList.Peek().Children <= MaxChildrenExpected);
            Send(Kind.Children, folders, children);
        }
    }

    private void Send(Kind kind, List<(string Path, int Depth)> nodes, int childrenExpected)
    {
        var request = nodes.Count == 1 ? ReadOne(kind, nodes[0].Path) : ReadMany(kind, nodes);
        _inFlight.Enqueue(new InFlight(kind, nodes, request, childrenExpected));
        _nodesInFlight += nodes.Count;
        _childrenExpected += childrenExpected;
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
