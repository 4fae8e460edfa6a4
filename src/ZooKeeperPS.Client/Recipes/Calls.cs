using System;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Starts a client call so that any failure, also one thrown before a task exists (a bad argument, a closed or
/// expired session), comes back as a failed task: the recipes report failures per node, never by throwing.
/// </summary>
internal static class Calls
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

    /// <summary>Looks at a request nobody waits for any more, so that its failure is never reported as unobserved.</summary>
    public static void Abandon(Task request) =>
        request.ContinueWith(static done => _ = done.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
}
