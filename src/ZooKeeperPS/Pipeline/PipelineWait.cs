using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS;

/// <summary>How a host's pipeline thread waits for a client task (see <see cref="IZkPipelineHost.WaitFor"/>).</summary>
internal static class PipelineWait
{
    /// <summary>
    /// Blocks until the task completes (successfully or not), calling <paramref name="meanwhile"/> every quarter second
    /// (to write the connection log). A stop ends the wait at once with <see cref="PipelineStoppedException"/>; the
    /// request itself completes later without harm.
    /// </summary>
    public static void For(Task task, CancellationToken stopToken, Action meanwhile)
    {
        if (task.IsCompleted)
        {
            return;
        }
        // A continuation that never faults, so the wait below only ever ends by completion or cancellation.
        var completed = task.ContinueWith(static _ => { }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            while (!completed.Wait(250, stopToken))
            {
                meanwhile();
            }
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
    }
}
