using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>What a <see cref="TreeExporter"/> reads.</summary>
public sealed class TreeExportOptions
{
    /// <summary>Also export ephemeral nodes (by default they are left out: they belong to a session, not to the tree).</summary>
    public bool IncludeEphemeral { get; set; }

    /// <summary>Read each node's ACL (default true); without, records carry an empty ACL.</summary>
    public bool WithAcl { get; set; } = true;

    /// <summary>Which nodes to leave out, with their subtrees, by relative path ("/a/b"); null leaves out none.</summary>
    public Func<string, bool>? Exclude { get; set; }
}

/// <summary>One step of a <see cref="TreeExporter"/>: the records read, in walk order, and the nodes that could not be.</summary>
public sealed class TreeExportStep
{
    internal TreeExportStep(IReadOnlyList<TreeRecord> records, IReadOnlyList<NodeFailure> failures)
    {
        Records = records;
        Failures = failures;
    }

    public IReadOnlyList<TreeRecord> Records { get; }

    /// <summary>Nodes that could not be read (by absolute path); a failed root ends the export.</summary>
    public IReadOnlyList<NodeFailure> Failures { get; }
}

/// <summary>
/// Reads a subtree as <see cref="TreeRecord"/>s, the root first and every parent before its children: data and stat
/// come from a <see cref="TreeWalker"/> (multiRead where the server has it), ACLs from getACL requests pipelined
/// beside it. Memory stays flat: at most <see cref="MaxNodesPending"/> nodes wait for their ACL. The caller pulls
/// the steps with <see cref="NextAsync"/>. When the root is "/", the /zookeeper system tree is left out.
/// </summary>
public sealed class TreeExporter
{
    /// <summary>Nodes whose ACL reads may be in flight at once.</summary>
    public const int MaxNodesPending = 1000;

    private static readonly NodeFailure[] NoFailures = Array.Empty<NodeFailure>();
    private readonly ZooKeeperClient _client;
    private readonly string _root;
    private readonly TreeExportOptions _options;
    private readonly TreeWalker _walker;
    private readonly Queue<PendingNode> _pending = new();
    private readonly HashSet<string> _excluded = new(StringComparer.Ordinal);
    private bool _rootRead;
    private bool _walkEnded;

    public TreeExporter(ZooKeeperClient client, string root, TreeExportOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _root = root ?? throw new ArgumentNullException(nameof(root));
        _options = options ?? new TreeExportOptions();
        _walker = new TreeWalker(client, root, new TreeWalkOptions { WithData = true });
        if (root == "/")
        {
            _excluded.Add("/zookeeper");
        }
    }

    /// <summary>The highest zxid the session had seen once the root was read (for a tree file's header).</summary>
    public long Zxid { get; private set; }

    /// <summary>How many records have been returned.</summary>
    public int Exported { get; private set; }

    /// <summary>How many nodes are queued or in flight, for progress messages.</summary>
    public int Pending => _walker.Pending + _pending.Count;

    /// <summary>The next step; null once the export has ended. One call at a time; the task fails only on Ctrl+C.</summary>
    public async Task<TreeExportStep?> NextAsync(CancellationToken cancellationToken = default)
    {
        if (!_rootRead)
        {
            _rootRead = true;
            return await ReadRootAsync(cancellationToken).ConfigureAwait(false);
        }
        while (!_walkEnded && _pending.Count < MaxNodesPending)
        {
            var step = await _walker.NextAsync(cancellationToken).ConfigureAwait(false);
            if (step is null)
            {
                _walkEnded = true;
                break;
            }
            foreach (var item in step)
            {
                Take(item, cancellationToken);
            }
            if (_pending.Count > 0 && _pending.Peek().Acl is { IsCompleted: true })
            {
                break;
            }
        }
        if (_pending.Count == 0)
        {
            return _walkEnded ? null : new TreeExportStep(Array.Empty<TreeRecord>(), NoFailures);
        }

        var records = new List<TreeRecord>();
        List<NodeFailure>? failures = null;
        do
        {
            var node = _pending.Dequeue();
            if (node.Failure is not null)
            {
                ThrowIfInterruption(node.Failure);
                (failures ??= new List<NodeFailure>()).Add(new NodeFailure(node.Path, node.Failure));
                continue;
            }
            try
            {
                var acl = node.Acl is null ? Array.Empty<Acl>() : (await node.Acl.ConfigureAwait(false)).Acl;
                records.Add(new TreeRecord(TreeRecord.RelativeTo(_root, node.Path), node.Data!.IsNull ? null : node.Data.Data, acl, node.Data.Stat));
            }
            catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
            {
                // Deleted since it was read.
            }
            catch (Exception failure) when (!TreeImporter.IsInterruption(failure))
            {
                (failures ??= new List<NodeFailure>()).Add(new NodeFailure(node.Path, failure));
            }
        }
        while (_pending.Count > 0 && (_pending.Peek().Acl is null || _pending.Peek().Acl!.IsCompleted));
        Exported += records.Count;
        return new TreeExportStep(records, failures ?? (IReadOnlyList<NodeFailure>)NoFailures);
    }

    private async Task<TreeExportStep> ReadRootAsync(CancellationToken cancellationToken)
    {
        var data = ReadDataAsync(_root, cancellationToken);
        var acl = _options.WithAcl ? ReadAclAsync(_root, cancellationToken) : null;
        try
        {
            var read = await data.ConfigureAwait(false);
            var entries = acl is null ? Array.Empty<Acl>() : (await acl.ConfigureAwait(false)).Acl;
            Zxid = _client.LastZxid;
            if (!_options.IncludeEphemeral && TreeRecord.KindOf(read.Stat.EphemeralOwner) == TreeNodeKind.Ephemeral)
            {
                _walkEnded = true;
                return new TreeExportStep(Array.Empty<TreeRecord>(), NoFailures);
            }
            Exported++;
            return new TreeExportStep(new[] { new TreeRecord("/", read.IsNull ? null : read.Data, entries, read.Stat) }, NoFailures);
        }
        catch (Exception failure) when (!TreeImporter.IsInterruption(failure))
        {
            _ = acl?.ContinueWith(static abandoned => _ = abandoned.Exception, TaskContinuationOptions.OnlyOnFaulted);
            _walkEnded = true;
            return new TreeExportStep(Array.Empty<TreeRecord>(), new[] { new NodeFailure(_root, failure) });
        }
    }

    private void Take(TreeWalkItem item, CancellationToken cancellationToken)
    {
        if (item.Path == _root)
        {
            // The walk's failure to list the root repeats what reading it said (or it vanished since).
            return;
        }
        var relative = TreeRecord.RelativeTo(_root, item.Path);
        if (IsExcluded(relative))
        {
            _excluded.Add(relative);
            return;
        }
        if (item.Failure is not null)
        {
            _pending.Enqueue(new PendingNode(item.Path, null, null, item.Failure));
            return;
        }
        if (!_options.IncludeEphemeral && TreeRecord.KindOf(item.Data!.Stat.EphemeralOwner) == TreeNodeKind.Ephemeral)
        {
            return;
        }
        var acl = _options.WithAcl ? ReadAclAsync(item.Path, cancellationToken) : null;
        _pending.Enqueue(new PendingNode(item.Path, item.Data, acl, null));
    }

    /// <summary>A lost connection or a closed session ends the export rather than failing node after node.</summary>
    private static void ThrowIfInterruption(Exception failure)
    {
        if (TreeImporter.IsInterruption(failure))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Whether the node or a node above it is left out.</summary>
    private bool IsExcluded(string relative)
    {
        if (_options.Exclude?.Invoke(relative) == true)
        {
            return true;
        }
        for (var path = relative; path != "/"; path = ZooKeeperPath.GetParent(path))
        {
            if (_excluded.Contains(path))
            {
                return true;
            }
        }
        return false;
    }

    // Async, so that a call that throws before its task exists fails like any request.
    private async Task<DataResult> ReadDataAsync(string path, CancellationToken cancellationToken) =>
        await _client.GetDataAsync(path, null, cancellationToken).ConfigureAwait(false);

    private async Task<AclResult> ReadAclAsync(string path, CancellationToken cancellationToken) =>
        await _client.GetAclAsync(path, cancellationToken).ConfigureAwait(false);

    private sealed class PendingNode
    {
        public PendingNode(string path, DataResult? data, Task<AclResult>? acl, Exception? failure)
        {
            Path = path;
            Data = data;
            Acl = acl;
            Failure = failure;
        }

        public string Path { get; }
        public DataResult? Data { get; }
        public Task<AclResult>? Acl { get; }
        public Exception? Failure { get; }
    }
}
