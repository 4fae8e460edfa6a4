using System;
using System.Management.Automation;
using System.Management.Automation.Provider;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// The ZooKeeper provider: zk: drives over sessions (New-PSDrive -PSProvider ZooKeeper -Root / -Session $s, or
/// Connect-ZooKeeper -DriveName zk), so that cd, dir, Get-Content, Set-Content, New-Item, Copy-Item, Move-Item and
/// Remove-Item work on znodes. Its items are the module's <see cref="ZkNode"/> objects. It runs the module's pipeline
/// helpers as their <see cref="IZkPipelineHost"/>; PowerShell makes a provider instance for each operation.
/// </summary>
[CmdletProvider(ProviderName, ProviderCapabilities.ShouldProcess | ProviderCapabilities.Filter)]
[OutputType(typeof(ZkNode), ProviderCmdlet = ProviderCmdlet.GetItem)]
[OutputType(typeof(ZkNode), ProviderCmdlet = ProviderCmdlet.GetChildItem)]
public sealed partial class ZooKeeperProvider : NavigationCmdletProvider, IZkPipelineHost
{
    public const string ProviderName = "ZooKeeper";

    private readonly CancellationTokenSource _stopping = new();

    // For the walk of Get-ChildItem -Name -Recurse; this instance serves one call of the engine (see WalkLookahead).
    private readonly WalkLookahead _lookahead;

    public ZooKeeperProvider() => _lookahead = new WalkLookahead(_stopping.Token);

    protected override PSDriveInfo NewDrive(PSDriveInfo drive)
    {
        if (drive is ZkDriveInfo bound)
        {
            return bound;
        }
        var session = (DynamicParameters as ZkDriveParameters)?.Session ?? RunspaceSessions.Current.Default;
        if (session is null)
        {
            ThrowTerminatingError(ZkErrors.NoSession());
        }
        var root = ProviderPath.Parse(string.IsNullOrEmpty(drive.Root) ? "/" : drive.Root);
        if (root.Tag is not null)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                $"The root of a ZooKeeper drive is a znode path such as / or /app, not '{drive.Root}'.", "InvalidDriveRoot", drive.Root));
        }
        if (this.Await(() => session!.Client.ExistsAsync(root.Node, null, StopToken), session) is null)
        {
            ThrowTerminatingError(new ErrorRecord(new ZooKeeperException(ErrorCode.NoNode, root.Node,
                "the root of the drive must be an existing node."), "ZooKeeper.NoNode", ErrorCategory.ObjectNotFound, root.Node));
        }
        return new ZkDriveInfo(drive, session!, root.Node);
    }

    protected override object NewDriveDynamicParameters() => new ZkDriveParameters();

    /// <summary>The drive this operation runs on, if the path came through one.</summary>
    private ZkDriveInfo? Drive => PSDriveInfo as ZkDriveInfo;

    /// <summary>The session and znode a provider path stands for; a bare znode path is on the default session.</summary>
    private (ZkSession Session, ProviderPath Path) Resolve(string path)
    {
        var parsed = ProviderPath.Parse(path);
        var session = parsed.Tag is null ? Drive?.Session ?? RunspaceSessions.Current.Default : SessionTags.Find(parsed.Tag);
        if (session is null)
        {
            ThrowTerminatingError(parsed.Tag is null ? ZkErrors.NoSession() : new ErrorRecord(
                new InvalidOperationException($"No open ZooKeeper session in this process has the tag '{parsed.Tag}' of the path '{path}'."),
                "ZooKeeper.SessionNotFound", ErrorCategory.ObjectNotFound, path));
        }
        WriteConnectionLog(session);
        return (session!, parsed);
    }

    /// <summary>
    /// Writes a node as an item. Its Path is the PowerShell path (zk:/a/b), so that piping items to Remove-Item,
    /// Copy-Item or Get-Content (which bind Path before PSPath) reaches the node and not the file system; that
    /// string carries the znode path for the module's cmdlets (see <see cref="ZkPathTransformationAttribute"/>).
    /// </summary>
    private void WriteNode(ZkSession session, ProviderPath path, byte[] data, Stat stat)
    {
        var item = new PSObject(new ZkNode(session, path.Node, data, stat, NodeValue.DefaultEncoding));
        var shown = new PSObject(PowerShellPathOf(path));
        shown.Properties.Add(new PSNoteProperty("Path", path.Node));
        item.Properties.Add(new PSNoteProperty("Path", shown));
        // Any node but an ephemeral one can have children.
        WriteItemObject(item, path.ToString(), stat.EphemeralOwner == 0);
    }

    private string PowerShellPathOf(ProviderPath path)
    {
        var drive = Drive;
        if (drive is not null && path.Tag is { } tag && SessionTags.Find(tag) == drive.Session
            && (drive.Node == "/" || path.Node == drive.Node || path.Node.StartsWith(drive.Node + "/", StringComparison.Ordinal)))
        {
            var relative = drive.Node == "/" ? path.Node : path.Node.Substring(drive.Node.Length);
            return drive.Name + ":" + (relative.Length == 0 ? "/" : relative);
        }
        return $"{ProviderInfo.ModuleName}\\{ProviderName}::{path}";
    }

    // IZkPipelineHost: the helpers wait, report failures and show progress through the provider.

    internal CancellationToken StopToken => _stopping.Token;

    CancellationToken IZkPipelineHost.StopToken => StopToken;

    void IZkPipelineHost.WaitFor(Task task, ZkSession? session)
    {
        // A provider is told of Ctrl+C only through Stopping, so the wait looks at it four times a second.
        PipelineWait.For(task, StopToken, () =>
        {
            if (Stopping)
            {
                _stopping.Cancel();
            }
            WriteConnectionLog(session);
        });
        WriteConnectionLog(session);
    }

    void IZkPipelineHost.WriteFailure(Exception failure, object? target) => WriteFailure(failure, target);

    void IZkPipelineHost.WriteProgress(ProgressRecord progressRecord) => WriteProgress(progressRecord);

    private void WriteFailure(Exception failure, object? target, Func<ZooKeeperException, ErrorAdvice?>? advise = null)
    {
        if (ZkErrors.Unwrap(failure) is OperationCanceledException && (Stopping || StopToken.IsCancellationRequested))
        {
            throw new PipelineStoppedException();
        }
        var record = ZkErrors.ForFailedItem(failure, target, advise ?? ProviderAdvice.For, out var terminating);
        if (terminating)
        {
            ThrowTerminatingError(record);
        }
        WriteError(record);
    }

    private void WriteConnectionLog(ZkSession? session)
    {
        while (session is not null && session.Log.TryTake(out var message))
        {
            WriteVerbose(message);
        }
    }

    /// <summary>Stops at once after Ctrl+C, between the steps of long work.</summary>
    private void ThrowIfStopping()
    {
        if (Stopping)
        {
            throw new PipelineStoppedException();
        }
    }
}
