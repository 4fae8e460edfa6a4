using System;
using System.Collections.Generic;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Makes the subtree at -Destination equal to the one at -Path (a mirror): creates the nodes it lacks, writes the
/// data and sets the ACLs that differ and, with -Delete, removes the nodes the source does not have. Each change is
/// a ShouldProcess of its own, so -WhatIf lists every one. Ephemeral nodes are left alone on both sides.
/// </summary>
[Cmdlet(VerbsData.Sync, "ZkTree", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class SyncZkTreeCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "/";

    [Parameter(Mandatory = true, Position = 1)]
    [ZkPathTransformation]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "/";

    /// <summary>The session of the destination (another cluster); by default the source's.</summary>
    [Parameter]
    [ValidateNotNull]
    public ZkSession? DestinationSession { get; set; }

    /// <summary>Also remove the destination's nodes that the source does not have.</summary>
    [Parameter]
    public SwitchParameter Delete { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        var destination = DestinationSession ?? session;
        foreach (var path in new[] { Path, Destination })
        {
            if (NodePath.Problem(path) is { } invalid)
            {
                WriteFailure(invalid, path);
                return;
            }
        }
        var comparer = new TreeComparer(session.Client, Path, destination.Client, Destination, new TreeCompareOptions { IncludeAcl = true });
        var sync = new TreeSynchronizer(destination.Client, Destination);
        var extras = new HashSet<string>(StringComparer.Ordinal);
        var progress = new Progress(this, 7, $"Synchronizing {Destination} with {Path}");
        try
        {
            while (this.Await(() => comparer.NextAsync(StopToken), session) is { } step)
            {
                WriteConnectionLog(destination);
                SubtreeWork.WriteFailures(this, step.Failures);
                foreach (var change in step.Differences)
                {
                    if (change.Kind == TreeDifferenceKind.Added && (!Delete || !IsNewExtra(extras, change.Path)))
                    {
                        continue;
                    }
                    if (ShouldProcess(TreeRecord.Under(Destination, change.Path), ActionFor(change.Kind)))
                    {
                        SubtreeWork.WriteFailures(this, this.Await(() => sync.ApplyAsync(change, StopToken), destination));
                    }
                }
                progress.Report($"{comparer.Compared} nodes compared: {sync.Created} created, {sync.DataWritten} data written, {sync.Deleted} deleted");
            }
            SubtreeWork.WriteFailures(this, this.Await(() => sync.CompleteAsync(StopToken), destination));
        }
        catch (Exception failure) when (SubtreeWork.EndsTheRun(failure))
        {
            SubtreeWork.Terminate(this, failure, (failure as Client.ZooKeeperException)?.Path ?? Destination,
                "Run the same sync again once both sessions are connected: it carries on from what is there.");
        }
        finally
        {
            progress.Complete();
        }
        WriteVerbose($"Synchronized {Destination} with {Path} ({SubtreeRemoval.Nodes(comparer.Compared)} compared): " +
            $"{sync.Created} created, {sync.DataWritten} data written, {sync.AclsSet} ACLs set, {sync.Deleted} deleted.");
    }

    private static string ActionFor(TreeDifferenceKind kind) => kind switch
    {
        TreeDifferenceKind.Removed => "Create node",
        TreeDifferenceKind.DataChanged => "Write data",
        TreeDifferenceKind.AclChanged => "Set ACL",
        _ => "Remove node and its subtree",
    };

    /// <summary>Whether an extra node is the top of an extra subtree, not inside one already handled (removed, or declined).</summary>
    private static bool IsNewExtra(HashSet<string> extras, string relative)
    {
        for (var above = relative; above != "/";)
        {
            above = Client.ZooKeeperPath.GetParent(above);
            if (extras.Contains(above))
            {
                return false;
            }
        }
        extras.Add(relative);
        return true;
    }
}
