using System;
using System.Threading.Tasks;

namespace ZooKeeperPS.Bench;

/// <summary>Issues many requests on one session with a bounded number in flight, the way bulk work should be done.</summary>
public static class Pipeline
{
    /// <summary>The Java contender's window (bench/java/Pipelined.java), so that both clients are used alike.</summary>
    public const int Window = 1000;

    /// <summary>
    /// Calls issue(0..count-1) in order, waiting for the oldest request whenever <see cref="Window"/> are in flight
    /// (replies arrive in request order, so the oldest is the next to finish), then waits for the rest in order, as
    /// the Java contender waits for its last permits. Not Task.WhenAll: it would hang a continuation on each of the
    /// last requests, and the client runs every continuation on the thread pool, one work item per reply.
    /// </summary>
    public static async Task RunAsync(int count, Func<int, Task> issue)
    {
        var requests = new Task[count];
        for (var i = 0; i < count; i++)
        {
            if (i >= Window)
            {
                await requests[i - Window].ConfigureAwait(false);
            }

            requests[i] = issue(i);
        }

        for (var i = Math.Max(0, count - Window); i < count; i++)
        {
            await requests[i].ConfigureAwait(false);
        }
    }

    /// <summary>Like <see cref="RunAsync(int, Func{int, Task})"/>, returning the results in request order.</summary>
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> issue)
    {
        var requests = new Task<T>[count];
        Func<int, Task> issueAndKeep = i => requests[i] = issue(i); // typed so that the call below is not this overload again
        await RunAsync(count, issueAndKeep).ConfigureAwait(false);
        var results = new T[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = requests[i].Result; // completed: RunAsync waited for every request
        }

        return results;
    }
}
