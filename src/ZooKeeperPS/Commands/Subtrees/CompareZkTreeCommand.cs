using System;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Compares two subtrees (on one session or two clusters) node by node and emits a ZkTreeDifference for each node
/// added, removed, or with other data (or, with -IncludeAcl, another ACL), in the manner of Compare-Object.
/// Ephemeral nodes count as absent. Nothing is output when the trees are equal.
/// </summary>
[Cmdlet(VerbsData.Compare, "ZkTree")]
[OutputType(typeof(ZkTreeDifference))]
public sealed class CompareZkTreeCommand : ZkCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string ReferencePath { get; set; } = "/";

    [Parameter(Mandatory = true, Position = 1)]
    [ZkPathTransformation]
    [ValidateNotNullOrEmpty]
    public string DifferencePath { get; set; } = "/";

    /// <summary>The session of the reference tree; by default the runspace's default session.</summary>
    [Parameter]
    [ValidateNotNull]
    public ZkSession? ReferenceSession { get; set; }

    /// <summary>The session of the difference tree; by default the reference session.</summary>
    [Parameter]
    [ValidateNotNull]
    public ZkSession? DifferenceSession { get; set; }

    /// <summary>Also compare ACLs.</summary>
    [Parameter]
    public SwitchParameter IncludeAcl { get; set; }

    protected override void ProcessRecord()
    {
        var reference = ReferenceSession ?? RunspaceSessions.Current.Default;
        if (reference is null)
        {
            ThrowTerminatingError(ZkErrors.NoSession());
        }
        var difference = DifferenceSession ?? reference!;
        foreach (var path in new[] { ReferencePath, DifferencePath })
        {
            if (NodePath.Problem(path) is { } invalid)
            {
                WriteFailure(invalid, path);
                return;
            }
        }
        var comparer = new TreeComparer(reference!.Client, ReferencePath, difference.Client, DifferencePath,
            new TreeCompareOptions { IncludeAcl = IncludeAcl });
        var progress = new Progress(this, 6, $"Comparing {ReferencePath} with {DifferencePath}");
        var found = 0;
        try
        {
            while (this.Await(() => comparer.NextAsync(StopToken), reference) is { } step)
            {
                WriteConnectionLog(difference);
                SubtreeWork.WriteFailures(this, step.Failures);
                foreach (var change in step.Differences)
                {
                    found++;
                    WriteObject(new ZkTreeDifference(change, ReferencePath, DifferencePath));
                }
                progress.Report($"{comparer.Compared} nodes compared ({(comparer.WalkingDifference ? "looking for added nodes" : "walking the reference")}), {found} differences");
            }
        }
        catch (Exception failure) when (SubtreeWork.EndsTheRun(failure))
        {
            SubtreeWork.Terminate(this, failure, ReferencePath, "Compare again once both sessions are connected.");
        }
        finally
        {
            progress.Complete();
        }
        WriteVerbose($"Compared {SubtreeRemoval.Nodes(comparer.Compared)} of {ReferencePath} and {DifferencePath}: {found} differences.");
    }
}
