using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>What a <see cref="TreeComparer"/> compares.</summary>
public sealed class TreeCompareOptions
{
    /// <summary>Also compare ACLs (a getACL per node on each side).</summary>
    public bool IncludeAcl { get; set; }

    /// <summary>Also compare ephemeral nodes; by default they count as absent on both sides.</summary>
    public bool IncludeEphemeral { get; set; }
}

/// <summary>One step of a <see cref="TreeComparer"/>: the differences found, and the nodes that could not be read.</summary>
public sealed class TreeCompareStep
{
    internal TreeCompareStep(IReadOnlyList<TreeDifference> differences, IReadOnlyList<NodeFailure> failures)
    {
        Differences = differences;
        Failures = failures;
    }

    public IReadOnlyList<TreeDifference> Differences { get; }

    public IReadOnlyList<NodeFailure> Failures { get; }
}

/// <summary>
/// Compares two subtrees (on one session or two), streaming with flat memory: it walks the reference tree (a
/// <see cref="TreeExporter"/>) and reads each node's counterpart in the difference tree (multiRead, 16 at a time),
/// which gives Removed, DataChanged and AclChanged; then it walks the difference tree and looks each node up in the
/// reference tree, which gives Added. Every node of an added or removed subtree is a difference of its own.
/// </summary>
public sealed class TreeComparer
{
    private const int ReadsPerRequest = TreeWalker.ReadsPerRequest;
    private readonly ZooKeeperClient _reference;
    private readonly string _referenceRoot;
    private readonly ZooKeeperClient _difference;
    private readonly string _differenceRoot;
    private readonly TreeCompareOptions _options;
    private readonly NodeReader _referenceReader;
    private readonly NodeReader _differenceReader;
    private TreeExporter? _walk;
    private bool _walkingDifference;

    public TreeComparer(ZooKeeperClient reference, string referenceRoot, ZooKeeperClient difference, string differenceRoot,
        TreeCompareOptions? options = null)
    {
        _reference = reference ?? throw new ArgumentNullException(nameof(reference));
        _difference = difference ?? throw new ArgumentNullException(nameof(difference));
        ZooKeeperPath.Validate(referenceRoot);
        ZooKeeperPath.Validate(differenceRoot);
        _referenceRoot = referenceRoot;
        _differenceRoot = differenceRoot;
        _options = options ?? new TreeCompareOptions();
        _referenceReader = new NodeReader(reference);
        _differenceReader = new NodeReader(difference);
        _walk = new TreeExporter(reference, referenceRoot, ExportOptions());
    }

    /// <summary>How many nodes have been looked at, on both sides.</summary>
    public int Compared { get; private set; }

    /// <summary>Which tree is walked now, for progress messages.</summary>
    public bool WalkingDifference => _walkingDifference;

    /// <summary>The next step; null once both walks have ended. A lost connection or closed session fails the task.</summary>
    public async Task<TreeCompareStep?> NextAsync(CancellationToken cancellationToken = default)
    {
        while (_walk is not null)
        {
            var step = await _walk.NextAsync(cancellationToken).ConfigureAwait(false);
            if (step is null)
            {
                _walk = _walkingDifference ? null : new TreeExporter(_difference, _differenceRoot, ExportOptions());
                _walkingDifference = true;
                continue;
            }
            // A difference root that is not there was reported already: every reference node is Removed.
            var failures = step.Failures.Where(failure => !(_walkingDifference && failure.Path == _differenceRoot
                && failure.Exception is ZooKeeperException { Code: ErrorCode.NoNode })).ToList();
            if (step.Records.Count == 0)
            {
                return new TreeCompareStep(Array.Empty<TreeDifference>(), failures);
            }
            Compared += step.Records.Count;
            var differences = _walkingDifference
                ? await FindAddedAsync(step.Records, failures, cancellationToken).ConfigureAwait(false)
                : await CompareAsync(step.Records, failures, cancellationToken).ConfigureAwait(false);
            return new TreeCompareStep(differences, failures);
        }
        return null;
    }

    private TreeExportOptions ExportOptions() => new() { IncludeEphemeral = _options.IncludeEphemeral, WithAcl = _options.IncludeAcl };

    /// <summary>Reference records against their counterparts: Removed, DataChanged, AclChanged.</summary>
    private async Task<List<TreeDifference>> CompareAsync(IReadOnlyList<TreeRecord> records, List<NodeFailure> failures,
        CancellationToken cancellationToken)
    {
        var counterparts = await ReadAsync(_difference, _differenceReader, _differenceRoot, records, _options.IncludeAcl, cancellationToken).ConfigureAwait(false);
        var differences = new List<TreeDifference>();
        for (var i = 0; i < records.Count; i++)
        {
            var (other, failure) = counterparts[i];
            if (failure is not null)
            {
                failures.Add(new NodeFailure(TreeRecord.Under(_differenceRoot, records[i].Path), failure));
                continue;
            }
            if (other is null)
            {
                differences.Add(new TreeDifference(records[i].Path, TreeDifferenceKind.Removed, records[i], null));
                continue;
            }
            if (!TreeRecord.SameData(records[i].Data, other.Data))
            {
                differences.Add(new TreeDifference(records[i].Path, TreeDifferenceKind.DataChanged, records[i], other));
            }
            if (_options.IncludeAcl && !TreeRecord.SameAcl(records[i].Acl, other.Acl))
            {
                differences.Add(new TreeDifference(records[i].Path, TreeDifferenceKind.AclChanged, records[i], other));
            }
        }
        return differences;
    }

    /// <summary>Difference records without a counterpart in the reference tree: Added.</summary>
    private async Task<List<TreeDifference>> FindAddedAsync(IReadOnlyList<TreeRecord> records, List<NodeFailure> failures,
        CancellationToken cancellationToken)
    {
        var counterparts = await ReadAsync(_reference, _referenceReader, _referenceRoot, records, false, cancellationToken).ConfigureAwait(false);
        var added = new List<TreeDifference>();
        for (var i = 0; i < records.Count; i++)
        {
            var (other, failure) = counterparts[i];
            if (failure is not null)
            {
                failures.Add(new NodeFailure(TreeRecord.Under(_referenceRoot, records[i].Path), failure));
            }
            else if (other is null)
            {
                added.Add(new TreeDifference(records[i].Path, TreeDifferenceKind.Added, null, records[i]));
            }
        }
        return added;
    }

    /// <summary>
    /// The counterparts of records under another root, in order: a record, null for a node absent there (or
    /// ephemeral, unless ephemerals are compared), or the failure to read it. Requests are sent all at once.
    /// </summary>
    private async Task<(TreeRecord? Record, Exception? Failure)[]> ReadAsync(ZooKeeperClient client, NodeReader reader, string root,
        IReadOnlyList<TreeRecord> records, bool withAcl, CancellationToken cancellationToken)
    {
        var paths = records.Select(record => TreeRecord.Under(root, record.Path)).ToArray();
        var reads = new List<Task<IReadOnlyList<NodeRead>>>();
        for (var start = 0; start < paths.Length; start += ReadsPerRequest)
        {
            reads.Add(reader.ReadAsync(paths.Skip(start).Take(ReadsPerRequest).ToArray(), NodeReadKind.Data, cancellationToken));
        }
        var acls = withAcl ? paths.Select(path => ReadAclAsync(client, path, cancellationToken)).ToArray() : null;
        var results = new (TreeRecord?, Exception?)[paths.Length];
        var index = 0;
        foreach (var read in reads)
        {
            foreach (var node in await read.ConfigureAwait(false))
            {
                results[index] = await CounterpartAsync(records[index], node, acls?[index]).ConfigureAwait(false);
                index++;
            }
        }
        return results;
    }

    private async Task<(TreeRecord?, Exception?)> CounterpartAsync(TreeRecord record, NodeRead node, Task<AclResult>? acl)
    {
        Exception? failure = node.Failure;
        IReadOnlyList<Acl> entries = Array.Empty<Acl>();
        if (acl is not null)
        {
            try
            {
                entries = (await acl.ConfigureAwait(false)).Acl;
            }
            catch (Exception aclFailure)
            {
                failure ??= aclFailure;
            }
        }
        if (failure is ZooKeeperException { Code: ErrorCode.NoNode })
        {
            return (null, null);
        }
        if (failure is not null)
        {
            if (TreeImporter.IsInterruption(failure))
            {
                throw failure;
            }
            return (null, failure);
        }
        var data = node.Data!;
        if (!_options.IncludeEphemeral && TreeRecord.KindOf(data.Stat.EphemeralOwner) == TreeNodeKind.Ephemeral)
        {
            return (null, null);
        }
        return (new TreeRecord(record.Path, data.IsNull ? null : data.Data, entries, data.Stat), null);
    }

    private static async Task<AclResult> ReadAclAsync(ZooKeeperClient client, string path, CancellationToken cancellationToken) =>
        await client.GetAclAsync(path, cancellationToken).ConfigureAwait(false);
}
