using System;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Session;

internal static class TaskCancellation
{
    /// <summary>
    /// Waits for <paramref name="task"/> but gives up (OperationCanceledException) as soon as the token is cancelled;
    /// the task itself runs on, for other callers. (Task.WaitAsync is not in netstandard.)
    /// </summary>
    public static async Task<T> WithCancellation<T>(this Task<T> task, CancellationToken cancellationToken)
    {
        if (task.IsCompleted || !cancellationToken.CanBeCanceled) return await task.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                throw new OperationCanceledException(cancellationToken);
        }

        return await task.ConfigureAwait(false);
    }
}
