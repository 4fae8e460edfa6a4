using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Runs a script block while holding a lock, and releases the lock whatever happens (output, errors, Ctrl+C). The
/// block sees the lock as $ZkLock; if the session ends while the block runs, $ZkLock.IsHeld turns false,
/// $ZkLock.ThrowIfLost() stops the block, and a LockLost terminating error follows the block.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ZkLock", SupportsShouldProcess = true)]
[OutputType(typeof(PSObject))]
public sealed class InvokeZkLockCommand : LockCmdlet
{
    private static readonly TimeSpan ReleaseWait = TimeSpan.FromSeconds(10);

    [Parameter(Mandatory = true, Position = 1)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    /// <summary>Arguments for the block's param() or $args.</summary>
    [Parameter]
    public object[] ArgumentList { get; set; } = Array.Empty<object>();

    private protected override void ProcessRecord(ZkSession session)
    {
        if (!ShouldProcess(Path, "Run the script block holding the lock"))
        {
            return;
        }
        var zkLock = Acquire(session);
        if (zkLock is null)
        {
            return;
        }
        Collection<PSObject> output;
        try
        {
            output = ScriptBlock.InvokeWithContext(null, new List<PSVariable> { new("ZkLock", zkLock) }, ArgumentList);
        }
        catch (Exception failure) when (zkLock.IsLost && failure is not PipelineStoppedException)
        {
            // The block stopped because the lock went ($ZkLock.ThrowIfLost(), or work that failed with the session).
            ThrowTerminatingError(LockLost(zkLock, failure));
            throw;
        }
        finally
        {
            var release = zkLock.Engine.ReleaseAsync();
            // After Ctrl+C the delete goes on by itself; otherwise the next command should find the lock free.
            if (!StopToken.IsCancellationRequested && !release.Wait(ReleaseWait))
            {
                WriteWarning($"The lock on {Path} is not released yet (no server answers); it is released when the session reconnects or ends.");
            }
        }
        foreach (var item in output)
        {
            WriteObject(item);
        }
        if (zkLock.IsLost)
        {
            ThrowTerminatingError(LockLost(zkLock));
        }
    }
}
