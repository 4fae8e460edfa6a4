using System;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// Runs a <see cref="RecursiveDeleter"/> on the pipeline thread of a host: waits for each step (Ctrl+C, -Verbose),
/// writes each failure, in order, as the error of the node it concerns, and reports progress.
/// </summary>
internal sealed class SubtreeRemoval
{
    /// <summary>
    /// The advice for NotEmpty from a removal: the node's children were deleted, yet it has some now (a node that
    /// could not be deleted keeps the nodes above it without such an error). For the commands that remove subtrees.
    /// </summary>
    public static readonly ErrorAdvice LeftOver = new(
        "Nodes were created under it while its subtree was deleted.", "Repeat the removal once nothing creates nodes under it.");

    /// <summary>The advice for NoAuth from a removal, which deletes nodes and lists the children of some of them.</summary>
    public static readonly ErrorAdvice NotPermitted = new(
        "Removing a subtree needs the Delete permission on the parent of each node, and the Read permission on each node " +
        "that has children; this session lacks one of them here, so this node and the nodes above it were kept.",
        "Connect with -Credential as a user that has these permissions, or ask the owner of the nodes.");

    /// <summary>"1 node", "13 nodes": for messages.</summary>
    public static string Nodes(int count) => count == 1 ? "1 node" : $"{count} nodes";

    private readonly IZkPipelineHost _host;
    private readonly ZkSession _session;
    private readonly Progress _progress;

    public SubtreeRemoval(IZkPipelineHost host, ZkSession session, int progressId)
    {
        _host = host;
        _session = session;
        _progress = new Progress(host, progressId, "Removing ZooKeeper nodes");
    }

    /// <summary>
    /// How many nodes removing <paramref name="root"/> would delete, itself included: one getAllChildrenNumber on
    /// servers from 3.6, a walk of the names before; null when the node cannot be counted (the removal reports why).
    /// </summary>
    public int? Count(string root)
    {
        var client = _session.Client;
        var token = _host.StopToken;
        try
        {
            return 1 + _host.Await(() => client.GetAllChildrenNumberAsync(root, token), _session);
        }
        catch (NotSupportedException)
        {
            return CountByWalking(root);
        }
        catch (ZooKeeperException)
        {
            return null;
        }
    }

    private int? CountByWalking(string root)
    {
        var walker = new TreeWalker(_session.Client, root);
        var token = _host.StopToken;
        var count = 1;
        while (_host.Await(() => walker.NextAsync(token), _session) is { } step)
        {
            foreach (var item in step)
            {
                if (item.Failure is null)
                {
                    count++;
                }
                else if (item.Path == root)
                {
                    return null;
                }
            }
        }
        return count;
    }

    /// <summary>Deletes <paramref name="root"/> and its subtree (checking <paramref name="rootVersion"/> first unless it is -1).</summary>
    /// <returns>How many nodes were deleted.</returns>
    public int Remove(string root, int rootVersion = -1)
    {
        var deleter = new RecursiveDeleter(_session.Client, root, rootVersion);
        var token = _host.StopToken;
        while (_host.Await(() => deleter.NextAsync(token), _session) is { } failures)
        {
            foreach (var failure in failures)
            {
                _host.WriteFailure(failure.Exception, failure.Path);
            }
            _progress.Report($"Deleting under {root}: {deleter.Deleted} nodes deleted");
        }
        _progress.Complete();
        return deleter.Deleted;
    }
}
