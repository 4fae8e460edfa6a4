using System.Collections.Generic;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Commands;

namespace ZooKeeperPS;

/// <summary>
/// Deletes a node with everything under it: walks the subtree (pipelined), then deletes deepest level first with
/// many deletes in flight. ZooKeeper executes one session's requests in order, so every child's delete reaches the
/// server before its parent's.
/// </summary>
internal sealed class SubtreeDeleter
{
    private readonly ZkCmdlet _cmdlet;
    private readonly ZkSession _session;
    private readonly Progress _progress;

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

        var deleted = 0;
        var total = levels.Count;
        var window = new RequestWindow(_cmdlet);
        var client = _session.Client;
        var token = _cmdlet.StopToken;
        for (var i = levels.Count - 1; i >= 0; i--)
        {
            var path = levels[i];
            var version = i == 0 ? rootVersion : -1;
            window.Add(ZkCmdlet.Start(() => client.DeleteAsync(path, version, token)), _session, request =>
            {
                if (request.Status == TaskStatus.RanToCompletion)
                {
                    deleted++;
                }
                else if (version != -1 || ZkErrors.Unwrap(request.Exception!) is not ZooKeeperException { Code: ErrorCode.NoNode })
                {
                    // Someone else deleting a node first is fine (unless a version was expected); anything else
                    // (a child created meanwhile, no permission) is an error for that node.
                    _cmdlet.WriteFailure(request, path);
                }
                _progress.Report($"Deleting under {root}: {deleted} of {total}", deleted * 100 / total);
            });
        }
        window.Drain();
        _progress.Complete();
        return deleted;
    }

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
