using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Deletes a node with everything under it, without a request per node where it can: it deletes nodes in multis of
/// <see cref="DeletesPerMulti"/> as if they were leaves; only the multis that fail (a multi applies all or nothing)
/// are redone node by node, and only the nodes that turn out to have children are listed, emptied the same way, and
/// deleted again. A tree of many leaves under few folders costs one listing per folder and one multi per few hundred
/// leaves. With an expected version, the root's version is checked before anything is deleted.
/// The caller pulls the work step by step with <see cref="NextAsync"/> and gets the failures of each step, in
/// order, each for the node it concerns; <see cref="Deleted"/> counts the progress. Below the root, a node that
/// someone else deleted first is no failure. A node that could not be deleted (or listed) keeps the nodes above it
/// without a failure of their own: deleting them again could only fail with NotEmpty, which its own failure explains.
/// </summary>
public sealed class RecursiveDeleter
{
    /// <summary>Deletes per multi, at most.</summary>
    public const int DeletesPerMulti = 500;

    /// <summary>Bytes of paths per multi, at most: far below the server's 1 MB request limit (jute.maxbuffer), however long the paths.</summary>
    public const int PathBytesPerMulti = 256 * 1024;

    /// <summary>Multis in flight at once.</summary>
    public const int MultisInFlight = 16;

    private const int ListingsInFlight = 500;
    private static readonly IReadOnlyList<NodeFailure> NoFailures = Array.Empty<NodeFailure>();

    private readonly ZooKeeperClient _client;
    private readonly int _rootVersion;
    private readonly Stack<(IReadOnlyList<string> Nodes, PassKind Kind)> _passes = new();
    private readonly Queue<(List<string> Nodes, Task<IReadOnlyList<OpResult>> Request)> _inFlight = new();
    private (IReadOnlyList<string> Nodes, PassKind Kind)? _current;
    private int _nextToSend;
    private List<string> _withChildren = new();
    // The nodes above a failure (and a node that could not be listed): they are not deleted again.
    private readonly HashSet<string> _keptBack = new(StringComparer.Ordinal);
    private bool _started;
    private bool _ended;

    /// <param name="client">The session to delete with.</param>
    /// <param name="root">The node to delete with its subtree.</param>
    /// <param name="rootVersion">The version the root must have (-1: any); checked before anything is deleted.</param>
    public RecursiveDeleter(ZooKeeperClient client, string root, int rootVersion = -1)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Root = root ?? throw new ArgumentNullException(nameof(root));
        _rootVersion = rootVersion;
    }

    public string Root { get; }

    /// <summary>How many nodes have been deleted so far.</summary>
    public int Deleted { get; private set; }

    /// <summary>Deletes the node and its subtree and returns how many nodes were deleted; throws the first failure.</summary>
    public static async Task<int> DeleteAsync(ZooKeeperClient client, string root, int rootVersion = -1,
        CancellationToken cancellationToken = default)
    {
        var deleter = new RecursiveDeleter(client, root, rootVersion);
        while (await deleter.NextAsync(cancellationToken).ConfigureAwait(false) is { } failures)
        {
            if (failures.Count > 0)
            {
                deleter.End();
                ExceptionDispatchInfo.Capture(failures[0].Exception).Throw();
            }
        }
        return deleter.Deleted;
    }

    /// <summary>
    /// Does the next step (waits for the oldest multi, or lists a level) and returns its failures in order, usually
    /// none; null once the delete has ended. One call at a time. The task does not fail: failures are returned.
    /// A failure of the connection or the session ends the delete; it is returned as the root's.
    /// </summary>
    public async Task<IReadOnlyList<NodeFailure>?> NextAsync(CancellationToken cancellationToken = default)
    {
        if (_ended)
        {
            return null;
        }
        if (!_started)
        {
            _started = true;
            return await StartAsync(cancellationToken).ConfigureAwait(false);
        }
        while (true)
        {
            if (_current is null)
            {
                if (_passes.Count == 0)
                {
                    _ended = true;
                    return null;
                }
                var pass = _passes.Pop();
                if (pass.Kind == PassKind.ListChildren)
                {
                    return await ListChildrenAsync(pass.Nodes, cancellationToken).ConfigureAwait(false);
                }
                if (pass.Kind == PassKind.DeleteEmptied && _keptBack.Count > 0)
                {
                    pass = (pass.Nodes.Where(node => !_keptBack.Contains(node)).ToList(), pass.Kind);
                }
                _current = pass;
                _nextToSend = 0;
                _withChildren = new List<string>();
            }

            SendMultis(cancellationToken);
            if (_inFlight.Count > 0)
            {
                return await FinishOldestAsync(cancellationToken).ConfigureAwait(false);
            }
            // The pass is over: the nodes that turned out to have children are emptied, then deleted again.
            if (_withChildren.Count > 0)
            {
                _passes.Push((_withChildren, PassKind.DeleteEmptied));
                _passes.Push((_withChildren, PassKind.ListChildren));
            }
            _current = null;
        }
    }

    private async Task<IReadOnlyList<NodeFailure>> StartAsync(CancellationToken cancellationToken)
    {
        var failure = InvalidRoot() ?? (_rootVersion == -1 ? null : await CheckRootVersionAsync(cancellationToken).ConfigureAwait(false));
        if (failure is not null)
        {
            _ended = true;
            return new[] { new NodeFailure(Root, failure) };
        }
        _passes.Push((new[] { Root }, PassKind.Delete));
        return NoFailures;
    }

    // Checked first: a bad root is one failure, not one per request built from it.
    private ArgumentException? InvalidRoot()
    {
        try
        {
            ZooKeeperPath.Validate(Root);
            return null;
        }
        catch (ArgumentException invalid)
        {
            return invalid;
        }
    }

    // Before anything is deleted: a wrong expected version must leave the subtree untouched.
    private async Task<Exception?> CheckRootVersionAsync(CancellationToken cancellationToken)
    {
        Stat? stat;
        try
        {
            stat = await _client.ExistsAsync(Root, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            return failure;
        }
        return stat is null ? new ZooKeeperException(ErrorCode.NoNode, Root)
            : stat.Version != _rootVersion ? new ZooKeeperException(ErrorCode.BadVersion, Root,
                $"the node's version is {stat.Version}, not {_rootVersion}; nothing was deleted.")
            : null;
    }

    private void SendMultis(CancellationToken cancellationToken)
    {
        var nodes = _current!.Value.Nodes;
        while (_inFlight.Count < MultisInFlight && _nextToSend < nodes.Count)
        {
            var batch = new List<string>(Math.Min(DeletesPerMulti, nodes.Count - _nextToSend));
            var pathBytes = 0;
            while (batch.Count < DeletesPerMulti && _nextToSend < nodes.Count)
            {
                var bytes = Encoding.UTF8.GetByteCount(nodes[_nextToSend]);
                if (batch.Count > 0 && pathBytes + bytes > PathBytesPerMulti)
                {
                    break;
                }
                pathBytes += bytes;
                batch.Add(nodes[_nextToSend++]);
            }
            _inFlight.Enqueue((batch, DeleteAsMultiAsync(batch, cancellationToken)));
        }
    }

    private async Task<IReadOnlyList<NodeFailure>> FinishOldestAsync(CancellationToken cancellationToken)
    {
        var multi = _inFlight.Peek();
        try
        {
            await multi.Request.ConfigureAwait(false);
            _inFlight.Dequeue();
            Deleted += multi.Nodes.Count;
            return NoFailures;
        }
        catch (MultiOperationException)
        {
            _inFlight.Dequeue();
            return await DeleteOneByOneAsync(multi.Nodes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            // The connection or the session failed: the rest would fail the same way.
            End();
            return new[] { new NodeFailure(Root, failure) };
        }
    }

    /// <summary>The nodes of a failed multi, node by node: nodes with children are kept for later, other failures returned.</summary>
    private async Task<IReadOnlyList<NodeFailure>> DeleteOneByOneAsync(List<string> nodes, CancellationToken cancellationToken)
    {
        var childrenDeleted = _current!.Value.Kind == PassKind.DeleteEmptied;
        var deletes = nodes.Select(async path => await _client.DeleteAsync(path, VersionOf(path), cancellationToken).ConfigureAwait(false)).ToArray();
        List<NodeFailure>? failures = null;
        for (var i = 0; i < deletes.Length; i++)
        {
            var path = nodes[i];
            try
            {
                await deletes[i].ConfigureAwait(false);
                Deleted++;
            }
            catch (ZooKeeperException notEmpty) when (notEmpty.Code == ErrorCode.NotEmpty && !childrenDeleted)
            {
                _withChildren.Add(path);
            }
            catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode && path != Root)
            {
                // Below the root, a node someone else deleted first is fine.
            }
            catch (Exception failure)
            {
                // No permission, or a child created meanwhile: that node's failure.
                (failures ??= new List<NodeFailure>()).Add(new NodeFailure(path, failure));
                KeepBack(path);
            }
        }
        return failures ?? NoFailures;
    }

    /// <summary>Lists the children of the nodes (pipelined) and queues them to be deleted next.</summary>
    private async Task<IReadOnlyList<NodeFailure>> ListChildrenAsync(IReadOnlyList<string> parents, CancellationToken cancellationToken)
    {
        var children = new List<string>();
        List<NodeFailure>? failures = null;
        var listings = new Queue<(string Parent, Task<ChildrenResult> Request)>();
        var next = 0;
        while (next < parents.Count || listings.Count > 0)
        {
            while (next < parents.Count && listings.Count < ListingsInFlight)
            {
                var parent = parents[next++];
                listings.Enqueue((parent, ListAsync(parent, cancellationToken)));
            }
            var listing = listings.Dequeue();
            try
            {
                foreach (var name in (await listing.Request.ConfigureAwait(false)).Children)
                {
                    children.Add(ZooKeeperPath.Combine(listing.Parent, name));
                }
            }
            catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
            {
                // Deleted meanwhile, children and all.
            }
            catch (Exception failure)
            {
                (failures ??= new List<NodeFailure>()).Add(new NodeFailure(listing.Parent, failure));
                KeepBack(listing.Parent);
            }
        }
        if (children.Count > 0)
        {
            _passes.Push((children, PassKind.Delete));
        }
        return failures ?? NoFailures;
    }

    private int VersionOf(string path) => path == Root ? _rootVersion : -1;

    /// <summary>Keeps the node and every node above it up to the root from being deleted again.</summary>
    private void KeepBack(string path)
    {
        while (_keptBack.Add(path) && path.Length > Root.Length)
        {
            path = ZooKeeperPath.GetParent(path);
        }
    }

    // The requests are sent from async methods (here and in the lambdas above) so that a call that throws before its
    // task exists (a closed or expired session) fails like any request, as the failure of the node it was for.
    private async Task<IReadOnlyList<OpResult>> DeleteAsMultiAsync(List<string> batch, CancellationToken cancellationToken) =>
        await _client.MultiAsync(batch.Select(path => Op.Delete(path, VersionOf(path))).ToList(), cancellationToken).ConfigureAwait(false);

    private async Task<ChildrenResult> ListAsync(string parent, CancellationToken cancellationToken) =>
        await _client.GetChildrenAsync(parent, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Ends the delete; the requests still in flight complete unobserved (their failures are looked at, never reported).</summary>
    private void End()
    {
        _ended = true;
        _passes.Clear();
        while (_inFlight.Count > 0)
        {
            _inFlight.Dequeue().Request.ContinueWith(static abandoned => _ = abandoned.Exception,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }
    }

    /// <summary>What a pass does with its nodes.</summary>
    private enum PassKind
    {
        /// <summary>Deletes them in multis; those that turn out to have children are emptied first, then deleted again.</summary>
        Delete,

        /// <summary>Deletes them again: their children are gone, so one that still has some is a failure.</summary>
        DeleteEmptied,

        /// <summary>Lists their children, which are deleted next.</summary>
        ListChildren,
    }
}
