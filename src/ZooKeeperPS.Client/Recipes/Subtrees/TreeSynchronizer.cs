using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Makes a destination subtree equal to a source subtree, one <see cref="TreeDifference"/> at a time as a
/// <see cref="TreeComparer"/> (source as reference, destination as difference) finds them, so the caller can ask
/// before each change: a node only in the source is created (through a <see cref="TreeImporter"/>, so folders whose
/// ACL shuts the importer out still get their children), changed data is written, a changed ACL is set at the end
/// (after the nodes under it exist), and a node only in the destination is deleted with its subtree.
/// </summary>
public sealed class TreeSynchronizer
{
    private const int MaxWritesInFlight = 500;
    private readonly ZooKeeperClient _destination;
    private readonly TreeImporter _importer;
    private readonly string _root;
    private readonly Queue<(string Path, Task Request)> _writes = new();
    private readonly List<(string Path, IReadOnlyList<Acl> Acl)> _acls = new();
    private readonly HashSet<string> _deletedRoots = new(StringComparer.Ordinal);

    public TreeSynchronizer(ZooKeeperClient destination, string destinationRoot)
    {
        _destination = destination ?? throw new ArgumentNullException(nameof(destination));
        _root = destinationRoot;
        _importer = new TreeImporter(destination, destinationRoot,
            new TreeImportOptions { Conflict = TreeConflict.Overwrite });
    }

    public int Created => _importer.Created + _importer.Updated;

    public int DataWritten { get; private set; }

    public int AclsSet { get; private set; }

    public int Deleted { get; private set; }

    /// <summary>Applies one difference (a write may still be in flight); returns the failures settled meanwhile.</summary>
    public async Task<IReadOnlyList<NodeFailure>> ApplyAsync(TreeDifference difference, CancellationToken cancellationToken = default)
    {
        if (difference is null) throw new ArgumentNullException(nameof(difference));
        var path = TreeRecord.Under(_root, difference.Path);
        var failures = new List<NodeFailure>();
        switch (difference.Kind)
        {
            case TreeDifferenceKind.Removed:
                failures.AddRange(await _importer.AddAsync(difference.Reference!, cancellationToken).ConfigureAwait(false));
                break;
            case TreeDifferenceKind.DataChanged:
                _writes.Enqueue((path, SetDataAsync(path, difference.Reference!.Data, cancellationToken)));
                DataWritten++;
                break;
            case TreeDifferenceKind.AclChanged:
                _acls.Add((path, difference.Reference!.Acl));
                break;
            case TreeDifferenceKind.Added:
                await DeleteAsync(difference.Path, path, failures, cancellationToken).ConfigureAwait(false);
                break;
        }
        while (_writes.Count > MaxWritesInFlight)
        {
            await SettleAsync(_writes.Dequeue(), failures).ConfigureAwait(false);
        }
        return failures;
    }

    /// <summary>Finishes the creates and writes, then sets the changed ACLs.</summary>
    public async Task<IReadOnlyList<NodeFailure>> CompleteAsync(CancellationToken cancellationToken = default)
    {
        var failures = new List<NodeFailure>(await _importer.CompleteAsync(cancellationToken).ConfigureAwait(false));
        foreach (var (path, acl) in _acls)
        {
            _writes.Enqueue((path, SetAclAsync(path, acl, cancellationToken)));
            AclsSet++;
        }
        _acls.Clear();
        while (_writes.Count > 0)
        {
            await SettleAsync(_writes.Dequeue(), failures).ConfigureAwait(false);
        }
        return failures;
    }

    /// <summary>Deletes a node only in the destination with its subtree, unless a node above it went already.</summary>
    private async Task DeleteAsync(string relative, string path, List<NodeFailure> failures, CancellationToken cancellationToken)
    {
        for (var above = relative; ; above = ZooKeeperPath.GetParent(above))
        {
            if (_deletedRoots.Contains(above))
            {
                return;
            }
            if (above == "/")
            {
                break;
            }
        }
        _deletedRoots.Add(relative);
        var deleter = new RecursiveDeleter(_destination, path);
        while (await deleter.NextAsync(cancellationToken).ConfigureAwait(false) is { } stepFailures)
        {
            foreach (var failure in stepFailures)
            {
                if (TreeImporter.IsInterruption(failure.Exception))
                {
                    throw failure.Exception;
                }
                failures.Add(failure);
            }
        }
        Deleted += deleter.Deleted;
    }

    private static async Task SettleAsync((string Path, Task Request) write, List<NodeFailure> failures)
    {
        try
        {
            await write.Request.ConfigureAwait(false);
        }
        catch (Exception failure) when (!TreeImporter.IsInterruption(failure))
        {
            failures.Add(new NodeFailure(write.Path, failure));
        }
    }

    private async Task SetDataAsync(string path, byte[]? data, CancellationToken cancellationToken) =>
        await _destination.SetDataAsync(path, data, -1, cancellationToken).ConfigureAwait(false);

    private async Task SetAclAsync(string path, IReadOnlyList<Acl> acl, CancellationToken cancellationToken) =>
        await _destination.SetAclAsync(path, acl, -1, cancellationToken).ConfigureAwait(false);
}
