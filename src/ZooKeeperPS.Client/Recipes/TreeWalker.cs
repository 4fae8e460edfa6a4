using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Walks the subtree below a node with many reads in flight and hands the nodes out step by step, in the order of the
/// requests, as the replies arrive: the caller pulls each step with <see cref="NextAsync"/> (so a PowerShell pipeline
/// thread can wait on it and write the nodes itself), and the first nodes come long before a large walk ends.
/// Nodes are read (data or children) <see cref="ReadsPerRequest"/> per multiRead where the server has it (3.6+), one
/// request per node where it does not (see <see cref="NodeReader"/>).
/// The walk is depth first and its memory stays flat on large trees: reads of listed nodes go before listing more
/// folders, the children that the listings in flight will bring are bounded (by the folders' numChildren where
/// known), and folders wait on a stack, so what is held is the requests in flight plus the folders of the current
/// branch, never the whole breadth of the tree.
/// A failure on the root is returned as the root's item; nodes that vanish during the walk are skipped.
/// </summary>
public sealed class TreeWalker
{
    /// <summary>Nodes per multiRead. A reply too large for the client's JuteMaxBuffer is read again node by node (see <see cref="NodeReader"/>).</summary>
    public const int ReadsPerRequest = 16;

    /// <summary>Nodes whose reads may be in flight at once.</summary>
    public const int MaxNodesInFlight = 500;

    /// <summary>How many children the listings in flight may bring before no further folder is listed (one folder always may).</summary>
    private const int MaxChildrenExpected = 2 * MaxNodesInFlight;

    private readonly NodeReader _reader;
    private readonly int _maxDepth;
    private readonly bool _withData;
    private readonly Func<string, bool>? _include;
    private readonly Queue<Visit> _toRead = new();
    private readonly Stack<Folder> _toList = new();
    private readonly Queue<InFlight> _inFlight = new();
    private readonly List<Folder> _foldersFound = new();
    private int _nodesInFlight;
    private int _childrenExpected;

    public TreeWalker(ZooKeeperClient client, string root, TreeWalkOptions? options = null)
    {
        if (root is null) throw new ArgumentNullException(nameof(root));
        options ??= new TreeWalkOptions();
        if (options.MaxDepth < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxDepth must not be negative.");
        _reader = new NodeReader(client);
        _maxDepth = options.MaxDepth;
        _withData = options.WithData;
        _include = options.Include;
        _toList.Push(new Folder(root, -1, 1));
    }

    /// <summary>How many nodes are queued or in flight, for progress messages.</summary>
    public int Pending => _toRead.Count + _toList.Count + _nodesInFlight;

    /// <summary>
    /// The next step of the walk: the nodes (and failures) of the oldest reply, in walk order, possibly none; null once
    /// the walk has ended. One call at a time. The task does not fail: failures are items.
    /// </summary>
    public async Task<IReadOnlyList<TreeWalkItem>?> NextAsync(CancellationToken cancellationToken = default)
    {
        if (_toRead.Count == 0 && _toList.Count == 0 && _inFlight.Count == 0)
        {
            return null;
        }
        IssueVisits(cancellationToken);
        var entry = _inFlight.Peek();
        var replies = await entry.Request.ConfigureAwait(false);
        _inFlight.Dequeue();
        _nodesInFlight -= entry.Nodes.Count;
        _childrenExpected -= entry.ChildrenExpected;

        var items = new List<TreeWalkItem>();
        for (var i = 0; i < replies.Count; i++)
        {
            Take(replies[i], entry.Nodes[i].Depth, items);
        }
        // Pushed in reverse so that siblings are listed in name order.
        for (var i = _foldersFound.Count - 1; i >= 0; i--)
        {
            _toList.Push(_foldersFound[i]);
        }
        _foldersFound.Clear();
        return items;
    }

    /// <summary>Turns one node's reply into items, reads to send and folders to list.</summary>
    private void Take(NodeRead reply, int depth, List<TreeWalkItem> items)
    {
        if (reply.Failure is not null)
        {
            // The root must exist; a node below it may have been deleted since it was listed.
            if (depth < 0 || reply.Failure is not ZooKeeperException { Code: ErrorCode.NoNode })
            {
                items.Add(new TreeWalkItem(reply.Path, null, reply.Failure));
            }
            return;
        }

        if (reply.Data is not null)
        {
            items.Add(new TreeWalkItem(reply.Path, reply.Data, null));
            if (depth < _maxDepth && reply.Data.Stat.NumChildren > 0)
            {
                _foldersFound.Add(new Folder(reply.Path, depth, reply.Data.Stat.NumChildren));
            }
            return;
        }

        var childDepth = depth + 1;
        foreach (var name in reply.Children!.OrderBy(n => n, StringComparer.Ordinal))
        {
            var childPath = ZooKeeperPath.Combine(reply.Path, name);
            var included = _include is null || _include(name);
            if (included && _withData)
            {
                _toRead.Enqueue(new Visit(childPath, childDepth));
                continue;
            }
            if (included)
            {
                items.Add(new TreeWalkItem(childPath, null, null));
            }
            if (childDepth < _maxDepth)
            {
                _foldersFound.Add(new Folder(childPath, childDepth, 1));
            }
        }
    }

    /// <summary>
    /// Sends the visits waiting, up to the in-flight bounds: reads of listed nodes first, folders to list only when no
    /// read waits; up to <see cref="ReadsPerRequest"/> visits of one kind go together in a multiRead.
    /// </summary>
    private void IssueVisits(CancellationToken cancellationToken)
    {
        while (_nodesInFlight < MaxNodesInFlight)
        {
            if (_toRead.Count > 0)
            {
                var reads = new List<Visit>();
                do
                {
                    reads.Add(_toRead.Dequeue());
                }
                while (_reader.UsesMultiRead && reads.Count < ReadsPerRequest && _toRead.Count > 0);
                Send(NodeReadKind.Data, reads, 0, cancellationToken);
                continue;
            }

            if (_toList.Count == 0 || (_childrenExpected > 0 && _childrenExpected >= MaxChildrenExpected))
            {
                return;
            }
            var folders = new List<Visit>();
            var children = 0;
            do
            {
                var folder = _toList.Pop();
                folders.Add(new Visit(folder.Path, folder.Depth));
                children += folder.Children;
            }
            while (_reader.UsesMultiRead && folders.Count < ReadsPerRequest && _toList.Count > 0
                && _childrenExpected + children + _toList.Peek().Children <= MaxChildrenExpected);
            Send(NodeReadKind.Children, folders, children, cancellationToken);
        }
    }

    private void Send(NodeReadKind kind, List<Visit> nodes, int childrenExpected, CancellationToken cancellationToken)
    {
        var paths = nodes.Select(node => node.Path).ToArray();
        _inFlight.Enqueue(new InFlight(nodes, _reader.ReadAsync(paths, kind, cancellationToken), childrenExpected));
        _nodesInFlight += nodes.Count;
        _childrenExpected += childrenExpected;
    }

    /// <summary>A node to read or list, with its depth below the root (the root's children are 0, the root -1).</summary>
    private readonly struct Visit
    {
        public Visit(string path, int depth)
        {
            Path = path;
            Depth = depth;
        }

        public string Path { get; }
        public int Depth { get; }
    }

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

    private sealed class InFlight
    {
        public InFlight(List<Visit> nodes, Task<IReadOnlyList<NodeRead>> request, int childrenExpected)
        {
            Nodes = nodes;
            Request = request;
            ChildrenExpected = childrenExpected;
        }

        public List<Visit> Nodes { get; }
        public Task<IReadOnlyList<NodeRead>> Request { get; }
        public int ChildrenExpected { get; }
    }
}
