using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Commands;

namespace ZooKeeperPS;

/// <summary>
/// Deletes a node with everything under it without a request per node where it can: it deletes nodes in multis of
/// a few hundred as if they were leaves; only the batches that fail (a multi applies all or nothing) are retried node
/// by node, and only the nodes that turn out to have children are listed, emptied the same way, and deleted again.
/// A tree of many leaves under few folders costs one listing per folder and one multi per few hundred leaves.
/// Every wait happens on the pipeline thread, and each failure is written as the error of the node it concerns.
/// </summary>
internal sealed class SubtreeDeleter
{
    private const int DeletesPerMulti = 500;   // far below the server's 1 MB request limit
    private const int MultisInFlight = 16;

    private readonly ZkCmdlet _cmdlet;
    private readonly ZkSession _session;
    private readonly Progress _progress;
    private string _root = "";
    private int _rootVersion = -1;
    private int _deleted;
    private bool _aborted;

    public SubtreeDeleter(ZkCmdlet cmdlet, ZkSession session, int progressId)
    {
        _cmdlet = cmdlet;
        _session = session;
        _progress = new Progress(cmdlet, progressId, "Removing ZooKeeper nodes");
    }

    /// <summary>Deletes <paramref name="root"/> and its subtree; failures are written as errors for the node concerned.</summary>
    /// <returns>How many nodes were deleted.</returns>
    public int Delete(string root, int rootVersion = -1)
    {
        _root = root;
        _rootVersion = rootVersion;
        _deleted = 0;
        _aborted = false;
        if (!IsValidPath(root))
        {
            return 0;
        }
        if (rootVersion == -1 || HasVersion(root, rootVersion))
        {
            DeleteAll(new[] { root }, childrenDeleted: false);
        }
        _progress.Complete();
        return _deleted;
    }

    /// <summary>
    /// Deletes the nodes with their subtrees. <paramref name="childrenDeleted"/> says their children were deleted
    /// already, so a node that still has children now is an error rather than a node to empty first.
    /// </summary>
    private void DeleteAll(IReadOnlyList<string> nodes, bool childrenDeleted)
    {
        var withChildren = new List<string>();
        var window = new RequestWindow(_cmdlet, MultisInFlight);
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        for (var start = 0; start < nodes.Count && !_aborted; start += DeletesPerMulti)
        {
            var batch = nodes.Skip(start).Take(DeletesPerMulti).ToList();
            var ops = batch.Select(path => Op.Delete(path, VersionOf(path))).ToList();
            window.Add(ZkCmdlet.Start(() => client.MultiAsync(ops, token)), _session, request =>
            {
                if (_aborted)
                {
                    return;
                }
                if (request.Status == TaskStatus.RanToCompletion)
                {
                    _deleted += batch.Count;
                    ReportProgress();
                }
                else if (request.IsFaulted && ZkErrors.Unwrap(request.Exception!) is MultiOperationException)
                {
                    DeleteOneByOne(batch, childrenDeleted, withChildren);
                }
                else
                {
                    // The connection or the session failed: the rest would fail the same way.
                    _aborted = true;
                    _cmdlet.WriteFailure(request, _root);
                }
            });
        }
        window.Drain();

        if (withChildren.Count > 0 && !_aborted)
        {
            DeleteAll(ListChildren(withChildren), childrenDeleted: false);
            DeleteAll(withChildren, childrenDeleted: true);
        }
    }

    /// <summary>Deletes a batch that failed as a multi node by node: successes count, nodes with children are collected, the rest are errors.</summary>
    private void DeleteOneByOne(List<string> batch, bool childrenDeleted, List<string> withChildren)
    {
        var window = new RequestWindow(_cmdlet);
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        foreach (var path in batch)
        {
            var version = VersionOf(path);
            window.Add(ZkCmdlet.Start(() => client.DeleteAsync(path, version, token)), _session, request =>
            {
                var code = request.IsFaulted && ZkErrors.Unwrap(request.Exception!) is ZooKeeperException zk ? zk.Code : ErrorCode.Ok;
                if (request.Status == TaskStatus.RanToCompletion)
                {
                    _deleted++;
                }
                else if (code == ErrorCode.NotEmpty && !childrenDeleted)
                {
                    withChildren.Add(path);
                }
                else if (code != ErrorCode.NoNode || path == _root)
                {
                    // Below the root, a node someone else deleted first is fine; anything else (no permission,
                    // a child created meanwhile or one that could not be deleted) is an error for that node.
                    _cmdlet.WriteFailure(request, path);
                }
                ReportProgress();
            });
        }
        window.Drain();
    }

    /// <summary>The children of the nodes (pipelined getChildren), as paths.</summary>
    private List<string> ListChildren(List<string> parents)
    {
        var children = new List<string>();
        var window = new RequestWindow(_cmdlet);
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        foreach (var parent in parents)
        {
            window.Add(ZkCmdlet.Start(() => client.GetChildrenAsync(parent, null, token)), _session, request =>
            {
                if (request.Status == TaskStatus.RanToCompletion)
                {
                    children.AddRange(((Task<ChildrenResult>)request).Result.Children.Select(name => parent + "/" + name));
                }
                else if (!(request.IsFaulted && ZkErrors.Unwrap(request.Exception!) is ZooKeeperException { Code: ErrorCode.NoNode }))
                {
                    _cmdlet.WriteFailure(request, parent);
                }
            });
        }
        window.Drain();
        return children;
    }

    private int VersionOf(string path) => path == _root ? _rootVersion : -1;

    // Checked first: the batches are built with Op.Delete, which would throw a bad path out of the cmdlet unmapped.
    private bool IsValidPath(string root)
    {
        try
        {
            ZooKeeperPath.Validate(root);
            return true;
        }
        catch (System.ArgumentException invalid)
        {
            _cmdlet.WriteFailure(invalid, root);
            return false;
        }
    }

    private void ReportProgress() => _progress.Report($"Deleting under {_root}: {_deleted} nodes deleted");

    // Checked before anything is deleted: a wrong expected version must leave the subtree untouched.
    private bool HasVersion(string root, int version)
    {
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        var exists = ZkCmdlet.Start(() => client.ExistsAsync(root, null, token));
        _cmdlet.WaitFor(exists, _session);
        if (exists.Status != TaskStatus.RanToCompletion)
        {
            _cmdlet.WriteFailure(exists, root);
            return false;
        }
        var failure = exists.Result is null ? new ZooKeeperException(ErrorCode.NoNode, root)
            : exists.Result.Version != version ? new ZooKeeperException(ErrorCode.BadVersion, root,
                $"the node's version is {exists.Result.Version}, not {version}; nothing was deleted.")
            : null;
        if (failure is not null)
        {
            _cmdlet.WriteFailure(failure, root);
            return false;
        }
        return true;
    }
}
