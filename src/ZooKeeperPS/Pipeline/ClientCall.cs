using System;
using System.Threading.Tasks;

namespace ZooKeeperPS;

/// <summary>
/// Starts client calls so that every failure, also one thrown before a task exists (a bad path, a closed or expired
/// session), comes back as a failed task and is reported like any other.
/// </summary>
internal static class ClientCall
{
    public static Task<T> Start<T>(Func<Task<T>> call)
    {
        try
        {
            return call();
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    public static Task Start(Func<Task> call)
    {
        try
        {
            return call();
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    /// <summary>
    /// Starts the call and waits for it on the pipeline thread: its result, or its failure thrown (unwrapped);
    /// Ctrl+C throws <see cref="System.Management.Automation.PipelineStoppedException"/>.
    /// </summary>
    public static T Await<T>(this IZkPipelineHost host, Func<Task<T>> call, ZkSession? session)
    {
        var task = Start(call);
        host.WaitFor(task, session);
        if (task.IsCanceled)
        {
            throw new System.Management.Automation.PipelineStoppedException();
        }
        if (task.IsFaulted)
        {
            throw ZkErrors.Unwrap(task.Exception!);
        }
        return task.Result;
    }

    /// <summary>The failure of a completed request that did not succeed, as its caller sees it.</summary>
    public static Exception FailureOf(Task request) =>
        request.IsCanceled ? new TaskCanceledException(request) : ZkErrors.Unwrap(request.Exception!);
}
