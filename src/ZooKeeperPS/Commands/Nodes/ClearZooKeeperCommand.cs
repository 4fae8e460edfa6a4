using System;
using System.Linq;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Deletes every node under a path (default /), never the /zookeeper system tree. Each top-level node is one
/// ShouldProcess target, so -WhatIf lists exactly what would go.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "ZooKeeper", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class ClearZooKeeperCommand : ZkSessionCmdlet
{
    private const string SystemTree = "/zookeeper";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "/";

    /// <summary>Skip the confirmation prompt (never -WhatIf).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        var root = Path;
        // Under a chroot, "/zookeeper" is an ordinary node of the application: only the real one is protected.
        var sessionSeesSystemTree = session.Chroot is null;
        if (sessionSeesSystemTree && (root == SystemTree || root.StartsWith(SystemTree + "/", StringComparison.Ordinal)))
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "The /zookeeper system tree belongs to ZooKeeper itself and is never cleared.", "SystemTree", root));
        }

        ChildrenResult children;
        try
        {
            children = this.Await(() => session.Client.GetChildrenAsync(root, null, StopToken), session);
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception exception)
        {
            WriteFailure(exception, root);
            return;
        }

        var removal = new SubtreeRemoval(this, session, progressId: 3);
        var counted = !IsForcedPastConfirmation(Force) && ShouldProcessShowsMessage(ConfirmImpact.High);
        var deleted = 0;
        foreach (var name in children.Children.OrderBy(n => n, StringComparer.Ordinal))
        {
            var path = ZooKeeperPath.Combine(root, name);
            if (sessionSeesSystemTree && path == SystemTree)
            {
                continue;
            }
            var count = counted ? removal.Count(path) : null;
            var action = count is null ? "Remove node and its subtree" : $"Remove node and its subtree ({SubtreeRemoval.Nodes(count.Value)})";
            if (ShouldProcessUnlessForced(path, action, Force))
            {
                deleted += removal.Remove(path);
            }
        }
        WriteVerbose($"Cleared {root}: {SubtreeRemoval.Nodes(deleted)} deleted.");
    }

    internal override ErrorAdvice? AdviceFor(ZooKeeperException failure) => failure.Code switch
    {
        ErrorCode.NotEmpty => SubtreeRemoval.LeftOver,
        ErrorCode.NoAuth => SubtreeRemoval.NotPermitted,
        _ => null,
    };
}
