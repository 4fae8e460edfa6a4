using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>What Invoke-ZkLock and Lock-ZkPath share: the lock's parameters and queueing for it from the pipeline thread.</summary>
public abstract class LockCmdlet : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>How long to wait for the lock; by default for ever. A TimeSpan or a number of seconds.</summary>
    [Parameter]
    [SecondsArgumentTransformation]
    public TimeSpan? Timeout { get; set; }

    /// <summary>The data of this contender's node (what kazoo's contenders() and Get-ZkLock show); by default machine:pid.</summary>
    [Parameter]
    [ValidateNotNull]
    public string? Identifier { get; set; }

    /// <summary>Hold the lock together with other shared holders (kazoo's ReadLock); by default alone (kazoo's WriteLock).</summary>
    [Parameter]
    public SwitchParameter Shared { get; set; }

    /// <summary>A semaphore of this many leases (kazoo's Semaphore) instead of a lock.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxLeases { get; set; }

    private string ContenderIdentifier => Identifier ?? $"{Environment.MachineName}:{Process.GetCurrentProcess().Id}";

    /// <summary>
    /// Queues for the lock and waits for it (Ctrl+C stops the wait and leaves the queue); null after writing a
    /// LockTimeout error when -Timeout passed first.
    /// </summary>
    private protected ZkLock? Acquire(ZkSession session)
    {
        if (Timeout is { } limit && limit < TimeSpan.Zero)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument("-Timeout must not be negative.", "InvalidTimeout", Timeout));
        }
        if (Shared && MaxLeases.HasValue)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument("-Shared applies to locks; a semaphore (-MaxLeases) has no shared leases.", "InvalidLockKind", Path));
        }
        SessionHold engine;
        Task<bool> acquired;
        if (MaxLeases is { } leases)
        {
            var semaphore = new ZooKeeperSemaphore(session.Client, Path, leases, ContenderIdentifier);
            WriteVerbose($"Waiting for one of the {leases} leases of {Path} (queueing on {semaphore.LockPath}).");
            (engine, acquired) = (semaphore, semaphore.AcquireAsync(Timeout, StopToken));
        }
        else
        {
            var lockEngine = new ZooKeeperLock(session.Client, Path, ContenderIdentifier, Shared ? LockKind.Shared : LockKind.Exclusive);
            WriteVerbose($"Queueing for the {(Shared ? "shared" : "exclusive")} lock on {Path}.");
            (engine, acquired) = (lockEngine, lockEngine.AcquireAsync(Timeout, StopToken));
        }
        WaitFor(acquired, session);
        if (acquired.IsFaulted && ZkErrors.Unwrap(acquired.Exception!) is InvalidOperationException wrongLeases)
        {
            WriteError(new ErrorRecord(wrongLeases, "ZooKeeper.SemaphoreMismatch", ErrorCategory.InvalidArgument, Path));
            return null;
        }
        if (acquired.IsFaulted || acquired.IsCanceled)
        {
            WriteFailure(acquired.Exception ?? (Exception)new OperationCanceledException(), Path);
            return null;
        }
        if (!acquired.Result)
        {
            WriteError(new ErrorRecord(new TimeoutException($"The {(MaxLeases.HasValue ? "semaphore" : "lock")} on {Path} was not acquired within {Timeout}."),
                "ZooKeeper.LockTimeout", ErrorCategory.OperationTimeout, Path));
            return null;
        }
        WriteVerbose($"Holding the lock on {Path} ({engine.NodePath}).");
        return new ZkLock(session, engine);
    }

    /// <summary>The terminating error for a lock whose session ended while it was held.</summary>
    internal static ErrorRecord LockLost(ZkLock zkLock, Exception? stoppedBy = null) =>
        new(stoppedBy is null ? new LockLostException(zkLock.Path) : new LockLostException(zkLock.Path, stoppedBy),
            "ZooKeeper.LockLost", ErrorCategory.ConnectionError, zkLock.Path);
}
