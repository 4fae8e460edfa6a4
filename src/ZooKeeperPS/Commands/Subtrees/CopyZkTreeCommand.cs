using System;
using System.Diagnostics;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Copies a subtree with its data and ACLs to another path, on the same session or another cluster's
/// (-DestinationSession), streaming: nodes go from the reads at the source into multis at the destination with no
/// file between. Folders whose ACL would shut the copier out get it once their children exist.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "ZkTree", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class CopyZkTreeCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "/";

    /// <summary>Where the copy of -Path goes (its parent must exist).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ZkPathTransformation]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "/";

    /// <summary>The session to copy into (another cluster); by default the source's.</summary>
    [Parameter]
    [ValidateNotNull]
    public ZkSession? DestinationSession { get; set; }

    /// <summary>What to do with a node that exists at the destination: Skip (the default), Overwrite, or Fail.</summary>
    [Parameter]
    public TreeConflict Conflict { get; set; } = TreeConflict.Skip;

    /// <summary>Also copy ephemeral nodes (as persistent nodes).</summary>
    [Parameter]
    public SwitchParameter IncludeEphemeral { get; set; }

    /// <summary>Leave out the nodes (and their subtrees) whose name or path below -Path matches one of these wildcards.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Exclude { get; set; }

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
        SubtreeCopier copier;
        try
        {
            copier = new SubtreeCopier(session.Client, Path, destination.Client, Destination,
                new TreeExportOptions { IncludeEphemeral = IncludeEphemeral, Exclude = SubtreeWork.Exclusion(Exclude) },
                new TreeImportOptions { Conflict = Conflict });
        }
        catch (ArgumentException intoItself)
        {
            WriteError(new ErrorRecord(intoItself, "ZooKeeper.CopyIntoItself", ErrorCategory.InvalidArgument, Destination));
            return;
        }
        if (!ShouldProcess(Destination, $"Copy subtree {Path}" + (destination == session ? "" : $" from {session.ConnectionString}")))
        {
            return;
        }
        var progress = new Progress(this, 5, $"Copying {Path} to {Destination}");
        var clock = Stopwatch.StartNew();
        try
        {
            while (this.Await(() => copier.NextAsync(StopToken), destination) is { } failures)
            {
                WriteConnectionLog(session);
                SubtreeWork.WriteFailures(this, failures);
                progress.Report($"{copier.Exporter.Exported} nodes read, {copier.Importer.Created} created, {copier.Importer.Skipped} skipped, {copier.Importer.Pending} pending");
            }
        }
        catch (Exception failure) when (SubtreeWork.EndsTheRun(failure))
        {
            SubtreeWork.Terminate(this, failure, (failure as Client.ZooKeeperException)?.Path ?? Destination,
                "Run the same copy again once both sessions are connected, with -Conflict Overwrite: it finishes the job without duplicates.");
        }
        finally
        {
            progress.Complete();
        }
        var importer = copier.Importer;
        WriteVerbose($"Copied {SubtreeRemoval.Nodes(copier.Exporter.Exported)} from {Path} to {Destination} in {clock.Elapsed.TotalSeconds:0.0} s: " +
            $"{importer.Created} created, {importer.Updated} overwritten, {importer.Skipped} skipped, {importer.Failed} failed.");
    }
}
