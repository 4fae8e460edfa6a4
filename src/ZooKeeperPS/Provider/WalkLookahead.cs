using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// Reads ahead of PowerShell's own walks of a tree through GetChildNames (Get-ChildItem -Name -Recurse, and -Include
/// or -Exclude with -Recurse): there the engine recurses, not the provider. For -Name, for each container it asks
/// GetChildNames twice (the names that match, then all names), then IsItemContainer of every child, and recurses into
/// each child that is one: a round trip after another, three per node (for -Include and -Exclude: the names once,
/// then for each child Get-Item if it matches, IsItemContainer, and the recursion). When the second listing, or a
/// question about a child of the folder just listed, shows that the engine walks into a folder, the lookahead reads
/// the stats of its children, pipelined, with the module's <see cref="NodeReader"/>: getData,
/// <see cref="TreeWalker.ReadsPerRequest"/> nodes per multiRead where the server has it (no request reads the stats of
/// several nodes without their data; the data is dropped as each reply comes, and on 100,000 small nodes this was
/// twice as fast as an exists per node); once a child's stat tells it has children, a getChildren for it. The
/// engine's next calls then take the replies. Every answer is a reply to a request of this walk, taken moments after
/// it arrived, never a guess.
/// PowerShell makes a provider instance for each call it makes on a provider, and one walk runs on one instance: what
/// this holds lives for one walk of one command, and is dropped as the walk takes it.
/// Memory stays flat: at most <see cref="MaxNodesAhead"/> stats are in flight (with their data) or waiting, and
/// listings whose stats add up to at most <see cref="MaxNamesAhead"/> children (one more only when none waits). Nodes
/// nearer in the engine's order (deeper folders) go first: a stat waiting for a shallower folder gives its place up
/// and is read again later.
/// </summary>
internal sealed class WalkLookahead
{
    public const int MaxNodesAhead = 500;
    public const int MaxNamesAhead = 2000;

    private readonly Dictionary<string, Entry> _ahead = new(StringComparer.Ordinal);
    // The folders the engine is inside, deepest last; each sends the reads of its children in order.
    private readonly List<Level> _levels = new();
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ZkSession, NodeReader> _readers = new();
    private ZkSession? _lastSession;
    private ProviderPath _lastParent;
    private string? _lastListedPath;
    private ChildrenResult? _lastListing;
    private int _namesAhead;

    public WalkLookahead(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    /// <summary>The stat read ahead for this path, or null when none was (then the caller asks the server); its task fails as the read failed.</summary>
    public Task<Stat?>? StatOf(string path) => _ahead.TryGetValue(path, out var entry) ? entry.Stat : null;

    /// <summary>Drops what was read ahead for the path: the engine will not list it (no container) or its read failed.</summary>
    public void Forget(string path)
    {
        if (_ahead.TryGetValue(path, out var entry))
        {
            Drop(entry);
            Fill();
        }
    }

    /// <summary>
    /// The listing of this path read ahead or told by the stat read ahead (no children), or null when there is none
    /// (then the caller asks the server). The engine lists a folder once before it recurses, so the entry is taken.
    /// </summary>
    public Task<ChildrenResult>? TakeListing(string path)
    {
        if (!_ahead.TryGetValue(path, out var entry))
        {
            return null;
        }
        Drop(entry);
        Fill();
        if (entry.Listing is not null)
        {
            return entry.Listing;
        }
        // The stat, read moments ago, said no children: that is the listing as of that read.
        if (entry.Stat.Status == TaskStatus.RanToCompletion && entry.Stat.Result is { NumChildren: 0 } stat)
        {
            return Task.FromResult(new ChildrenResult(Array.Empty<string>(), stat));
        }
        return null;
    }

    /// <summary>Notes the listing the engine asked for last: its walks ask about the same folder next.</summary>
    public void Listed(ZkSession session, ProviderPath parent, string path, ChildrenResult listing)
    {
        _lastSession = session;
        _lastParent = parent;
        _lastListedPath = path;
        _lastListing = listing;
    }

    /// <summary>
    /// The listing of the call just before, when the engine asks again for all names of the same folder
    /// (Get-ChildItem -Name -Recurse): it then recurses into the children, so their reads start here.
    /// </summary>
    public ChildrenResult? Recursing(string path)
    {
        var listing = _lastListing;
        return _lastListedPath == path && Enter() ? listing : null;
    }

    /// <summary>
    /// The engine asks about a child of the folder it listed last (the walk of -Include and -Exclude with -Recurse
    /// lists a folder once, then asks about each child and recurses): the reads of the children start here.
    /// </summary>
    public void ChildAsked(string parentPath)
    {
        if (_lastListedPath == parentPath)
        {
            Enter();
        }
    }

    private bool Enter()
    {
        if (_lastListing is not { } listing || _lastSession is not { } session)
        {
            return false;
        }
        _levels.Add(new Level(session, _lastParent, listing.Children));
        _lastListedPath = null;
        _lastListing = null;
        _lastSession = null;
        Fill();
        return true;
    }

    /// <summary>Sends what the bounds allow, deepest folder first; then listings of the nodes whose stats show children.</summary>
    private void Fill()
    {
        for (var depth = _levels.Count - 1; depth >= 0; depth--)
        {
            var level = _levels[depth];
            while (level.Next < level.Names.Count)
            {
                // Whole multiReads: a read sent for each node taken would make them one node each.
                var count = Math.Min(TreeWalker.ReadsPerRequest, level.Names.Count - level.Next);
                if (!MakeRoom(count, depth))
                {
                    // What frees up goes to this folder: reads for shallower ones would only be given up again.
                    SendListings();
                    return;
                }
                Send(level, count);
            }
            if (level.Next == level.Names.Count && level.Live.Count == 0)
            {
                _levels.RemoveAt(depth);
            }
        }
        SendListings();
    }

    private void Send(Level level, int count)
    {
        var nodes = new ProviderPath[count];
        var paths = new string[count];
        for (var i = 0; i < count; i++)
        {
            nodes[i] = level.Parent.WithNode(ZooKeeperPath.Combine(level.Parent.Node, level.Names[level.Next + i]));
            paths[i] = nodes[i].Node;
        }
        if (!_readers.TryGetValue(level.Session, out var reader))
        {
            _readers[level.Session] = reader = new NodeReader(level.Session.Client);
        }
        var reads = reader.ReadAsync(paths, NodeReadKind.Data, _cancellationToken);
        for (var i = 0; i < count; i++)
        {
            var index = i;
            var stat = reads.ContinueWith(done => done.Result[index].Failure is { } failure ? throw failure : (Stat?)done.Result[index].Data!.Stat,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            Observe(stat);
            var entry = new Entry(level, level.Next, nodes[i], stat);
            entry.InLevel = level.Live.AddLast(entry);
            level.Undecided.Enqueue(entry);
            _ahead[nodes[i].ToString()] = entry;
            level.Next++;
        }
    }

    /// <summary>Listings for the nodes next in the walk whose stats have come and show children, within the bound of names.</summary>
    private void SendListings()
    {
        for (var depth = _levels.Count - 1; depth >= 0; depth--)
        {
            var undecided = _levels[depth].Undecided;
            while (undecided.Count > 0)
            {
                var entry = undecided.Peek();
                if (entry.InLevel is not null && !entry.Stat.IsCompleted)
                {
                    break;
                }
                if (entry.InLevel is not null && entry.Stat.Status == TaskStatus.RanToCompletion
                    && entry.Stat.Result is { EphemeralOwner: 0, NumChildren: > 0 } stat)
                {
                    if (_namesAhead > 0 && _namesAhead + stat.NumChildren > MaxNamesAhead)
                    {
                        return;
                    }
                    var session = entry.Level.Session;
                    var path = entry.Node.Node;
                    entry.Listing = ClientCall.Start(() => session.Client.GetChildrenAsync(path, null, _cancellationToken));
                    Observe(entry.Listing);
                    entry.Names = stat.NumChildren;
                    _namesAhead += entry.Names;
                }
                undecided.Dequeue();
            }
        }
    }

    /// <summary>Room for <paramref name="count"/> more nodes within the bound, giving up reads for shallower folders if need be.</summary>
    private bool MakeRoom(int count, int depth)
    {
        while (MaxNodesAhead - _ahead.Count < count)
        {
            if (!EvictBelow(depth))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Gives up the read farthest ahead of a folder shallower than <paramref name="depth"/>, if any.</summary>
    private bool EvictBelow(int depth)
    {
        for (var lower = 0; lower < depth; lower++)
        {
            if (_levels[lower].Live.Last is { } last)
            {
                Drop(last.Value);
                _levels[lower].Next = last.Value.Index;
                return true;
            }
        }
        return false;
    }

    private void Drop(Entry entry)
    {
        if (entry.InLevel is null)
        {
            return;
        }
        _ahead.Remove(entry.Node.ToString());
        entry.Level.Live.Remove(entry.InLevel);
        entry.InLevel = null;
        _namesAhead -= entry.Names;
        entry.Names = 0;
    }

    // A read ahead may fail (a lost connection, Ctrl+C) when nobody waits for it any more: the walk gave it up or ended.
    private static void Observe(Task task) =>
        task.ContinueWith(static done => _ = done.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private sealed class Level
    {
        public Level(ZkSession session, ProviderPath parent, IReadOnlyList<string> names)
        {
            Session = session;
            Parent = parent;
            Names = names;
        }

        public ZkSession Session { get; }
        public ProviderPath Parent { get; }
        public IReadOnlyList<string> Names { get; }

        /// <summary>The index in <see cref="Names"/> of the next child to read.</summary>
        public int Next { get; set; }

        /// <summary>The children read ahead and not yet taken, in order.</summary>
        public LinkedList<Entry> Live { get; } = new();

        /// <summary>The children read ahead whose stats have not yet been looked at for a listing to send, in order (taken ones too).</summary>
        public Queue<Entry> Undecided { get; } = new();
    }

    private sealed class Entry
    {
        public Entry(Level level, int index, ProviderPath node, Task<Stat?> stat)
        {
            Level = level;
            Index = index;
            Node = node;
            Stat = stat;
        }

        public Level Level { get; }
        public int Index { get; }
        public ProviderPath Node { get; }
        public Task<Stat?> Stat { get; }
        public Task<ChildrenResult>? Listing { get; set; }

        /// <summary>The children its listing is expected to bring, counted in the bound while it waits.</summary>
        public int Names { get; set; }

        public LinkedListNode<Entry>? InLevel { get; set; }
    }
}
