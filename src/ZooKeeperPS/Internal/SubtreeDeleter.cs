using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Commands;

namespace ZooKeeperPS;

/// <summary>
/// Deletes a node with everything under it: walks the subtree (pipelined), then deletes deepest level first in
/// multis of a few hundred deletes, several in flight. ZooKeeper executes one session's requests in order, so every
/// child's delete reaches the server before its parent's.
/// </summary>
internal sealed class SubtreeDeleter
{
    private readonly ZkCmdlet _cmdlet;
    private readonly ZkSession _session;
    private const int DeletesPerMulti = 500;   // far below the server's 1 MB request limit
    private const int MultisInFlight = 16;
    private readonly Progress _progress;
    private string _root = "";
    private int _deleted;
    private int _total;

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
        if (rootVersion != -1 && !HasVersion(root, rootVersion))
        {
            return 0;
        }

        // Breadth-first order lists every parent before its children; deleting in reverse therefore deletes
        // children first.
        var levels = new List<string> { root };
        var walker = new SubtreeWalker(_cmdlet, _session);
        foreach (var node in walker.Walk(root, int.MaxValue, withData: false))
        {
            levels.Add(node.Path);
            _progress.Report($"Listing {root}: {levels.Count} nodes found");
        }
        if (walker.RootFailed)
        {
            _progress.Complete();
            return 0;
        }

        // Deepest first, in multis: one transaction per batch instead of one per node.
        _deleted = 0;
        _total = levels.Count;
        _root = root;
        var aborted = false;
        var window = new RequestWindow(_cmdlet, MultisInFlight);
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        for (var end = levels.Count; end > 0; end -= DeletesPerMulti)
        {
            var batch = new List<(string Path, int Version)>();
            for (var i = end - 1; i >= Math.Max(0, end - DeletesPerMulti); i--)
            {
                batch.Add((levels[i], i == 0 ? rootVersion : -1));
            }
            var ops = batch.Select(node => Op.Delete(node.Path, node.Version)).ToList();
            window.Add(ZkCmdlet.Start(() => client.MultiAsync(ops, token)), _session, request =>
            {
                if (aborted)
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
                    // A multi applies all or nothing: one node that cannot go (a child created meanwhile, no
                    // permission, already deleted) holds back the batch. Node by node, each failure is its own.
                    DeleteOneByOne(batch);
                }
                else
                {
                    // The connection or the session failed: the rest would fail the same way.
                    aborted = true;
                    _cmdlet.WriteFailure(request, root);
                }
            });
        }
        window.Drain();
        _progress.Complete();
        return _deleted;
    }

    private void DeleteOneByOne(List<(string Path, int Version)> batch)
    {
        var window = new RequestWindow(_cmdlet);
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        foreach (var (path, version) in batch)
        {
            window.Add(ZkCmdlet.Start(() => client.DeleteAsync(path, version, token)), _session, request =>
            {
                if (request.Status == TaskStatus.RanToCompletion)
                {
                    _deleted++;
                }
                else if (version != -1 || ZkErrors.Unwrap(request.Exception!) is not ZooKeeperException { Code: ErrorCode.NoNode })
                {
                    // Someone else deleting a node first is fine (unless a version was expected).
                    _cmdlet.WriteFailure(request, path);
                }
                ReportProgress();
            });
        }
        window.Drain();
    }

    private void ReportProgress() =>
        _progress.Report($"Deleting under {_root}: {_deleted} of {_total}", (int)(_deleted * 100L / _total));

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
