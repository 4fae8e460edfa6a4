using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// Runs a <see cref="RecursiveDeleter"/> on the pipeline thread of a host: waits for each step (Ctrl+C, -Verbose),
/// writes each failure, in order, as the error of the node it concerns, and reports progress.
/// </summary>
internal sealed class SubtreeRemoval
{
    /// <summary>
    /// The advice for NotEmpty from a removal: the node's children were deleted, yet it has some now. For the commands
    /// that remove subtrees to give.
    /// </summary>
    public static readonly ErrorAdvice LeftOver = new(
        "Nodes under it could not be deleted (see the errors before this one), or were created while the subtree was deleted.");

    private readonly IZkPipelineHost _host;
    private readonly ZkSession _session;
    private readonly Progress _progress;

    public SubtreeRemoval(IZkPipelineHost host, ZkSession session, int progressId)
    {
        _host = host;
        _session = session;
        _progress = new Progress(host, progressId, "Removing ZooKeeper nodes");
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
