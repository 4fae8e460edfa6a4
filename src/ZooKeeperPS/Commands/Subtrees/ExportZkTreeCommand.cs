using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Text;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Exports a subtree, the root first and parents before children, with each node's bytes, ACL and stat: into a tree
/// file (-Destination; the format is described in about_ZooKeeperPS_Subtrees) or, without one, as ZkTreeRecord
/// objects to the pipeline. Reads are pipelined and memory stays flat on large trees.
/// </summary>
[Cmdlet(VerbsData.Export, "ZkTree")]
[OutputType(typeof(ZkTreeRecord))]
public sealed class ExportZkTreeCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "/";

    /// <summary>The tree file to write (replaced if it exists); without it the records go to the pipeline.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Also export ephemeral nodes (an import creates them as persistent nodes).</summary>
    [Parameter]
    public SwitchParameter IncludeEphemeral { get; set; }

    /// <summary>Leave out the nodes (and their subtrees) whose name or path below -Path matches one of these wildcards.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Exclude { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        if (NodePath.Problem(Path) is { } invalid)
        {
            WriteFailure(invalid, Path);
            return;
        }
        var exporter = new TreeExporter(session.Client, Path,
            new TreeExportOptions { IncludeEphemeral = IncludeEphemeral, Exclude = SubtreeWork.Exclusion(Exclude) });
        var progress = new Progress(this, 3, $"Exporting {Path}");
        var clock = Stopwatch.StartNew();
        StreamWriter? file = null;
        TreeFileWriter? writer = null;
        try
        {
            while (this.Await(() => exporter.NextAsync(StopToken), session) is { } step)
            {
                SubtreeWork.WriteFailures(this, step.Failures);
                foreach (var record in step.Records)
                {
                    if (Destination is null)
                    {
                        WriteObject(new ZkTreeRecord(record, TreeRecord.Under(Path, record.Path)));
                        continue;
                    }
                    if (writer is null)
                    {
                        file = new StreamWriter(SubtreeWork.FilePath(this, Destination), false, new UTF8Encoding(false), 1 << 16);
                        writer = new TreeFileWriter(file, new TreeHeader(session.ConnectionString, Path, System.DateTimeOffset.UtcNow, exporter.Zxid));
                    }
                    writer.Write(record);
                }
                progress.Report($"{exporter.Exported} nodes exported, {exporter.Pending} pending");
            }
            writer?.End();
        }
        catch (System.Exception unwritable) when (unwritable is IOException or System.UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(unwritable, "ZooKeeper.TreeFileUnwritable", ErrorCategory.WriteError, Destination));
        }
        catch (System.Exception failure) when (SubtreeWork.EndsTheRun(failure))
        {
            SubtreeWork.Terminate(this, failure, Path, "Export again once the session is connected.");
        }
        finally
        {
            writer?.Dispose();
            file?.Dispose();
            progress.Complete();
        }
        WriteVerbose($"Exported {SubtreeRemoval.Nodes(exporter.Exported)} from {Path}{(Destination is null ? "" : " to " + Destination)} in {clock.Elapsed.TotalSeconds:0.0} s.");
    }
}
