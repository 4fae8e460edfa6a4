using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS;

/// <summary>
/// What the shared pipeline helpers (<see cref="RequestWindow"/>, <see cref="BatchWindow{TItem, TResult}"/>,
/// <see cref="TreeListing"/>, <see cref="SubtreeRemoval"/>, <see cref="Progress"/>) need from the command that runs
/// them: a cmdlet (<see cref="Commands.ZkCmdlet"/>) or a PowerShell provider, which cannot derive from a cmdlet base.
/// Every member is called on the pipeline thread; results are written by the caller's own callbacks, so a cmdlet
/// writes objects and a provider writes items.
/// </summary>
internal interface IZkPipelineHost
{
    /// <summary>Cancelled on Ctrl+C; passed to every client call.</summary>
    CancellationToken StopToken { get; }

    /// <summary>
    /// Blocks until the task completes (successfully or not), writing the session's connection log as verbose messages
    /// meanwhile. Ctrl+C ends the wait at once with <see cref="PipelineStoppedException"/>.
    /// </summary>
    void WaitFor(Task task, ZkSession? session);

    /// <summary>
    /// Reports the failure of one item as an error for <paramref name="target"/>, through the error mapping with the
    /// command's own advice: non-terminating, or terminating when the session itself is gone; a cancellation after
    /// Ctrl+C stops the pipeline.
    /// </summary>
    void WriteFailure(System.Exception failure, object? target);

    void WriteProgress(ProgressRecord progressRecord);
}
