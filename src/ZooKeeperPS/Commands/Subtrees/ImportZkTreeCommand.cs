using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Text;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Imports a subtree from a tree file (-Source) or from ZkTreeRecord objects (the pipeline) under -Destination:
/// parents before children, in multis under jute.maxbuffer, each failure naming its node; folders whose ACL would
/// shut the importer out get it once their children exist. Running an interrupted import again finishes it
/// (-Conflict Overwrite also repairs the nodes it had not finished).
/// </summary>
[Cmdlet(VerbsData.Import, "ZkTree", SupportsShouldProcess = true, DefaultParameterSetName = FileSet)]
[OutputType(typeof(void))]
public sealed class ImportZkTreeCommand : ZkSessionCmdlet
{
    private const string FileSet = "File";
    private const string RecordSet = "Records";
    private TreeImporter? _importer;
    private ZkSession? _session;
    private int _records;
    private Progress? _progress;
    private readonly Stopwatch _clock = new();

    /// <summary>The tree file to read (written by Export-ZkTree -Destination).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    public string Source { get; set; } = "";

    /// <summary>Records from Export-ZkTree, piped.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RecordSet)]
    public ZkTreeRecord[] InputObject { get; set; } = { };

    /// <summary>Where the exported root goes: the records' paths are placed below it.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "/";

    /// <summary>What to do with a node that exists: Skip (the default), Overwrite (its data and ACL), or Fail (stop).</summary>
    [Parameter]
    public TreeConflict Conflict { get; set; } = TreeConflict.Skip;

    private protected override void ProcessRecord(ZkSession session)
    {
        if (_importer is null)
        {
            if (NodePath.Problem(Destination) is { } invalid)
            {
                ThrowTerminatingError(ZkErrors.FromException(invalid, Destination));
            }
            _session = session;
            _importer = new TreeImporter(session.Client, Destination,
                new TreeImportOptions { Conflict = Conflict });
            _progress = new Progress(this, 4, $"Importing under {Destination}");
            _clock.Start();
        }
        if (ParameterSetName == RecordSet)
        {
            foreach (var record in InputObject)
            {
                Import(record.Record);
            }
            return;
        }
        var path = SubtreeWork.FilePath(this, Source);
        try
        {
            using var file = new StreamReader(path, new UTF8Encoding(false), true, 1 << 16);
            foreach (var record in new TreeFileReader(file).Records())
            {
                Import(record);
            }
        }
        catch (System.Exception bad) when (bad is InvalidDataException or IOException or System.UnauthorizedAccessException)
        {
            // What was read before is imported all the same (the end finishes it); the file's fault ends the command.
            Complete();
            ThrowTerminatingError(new ErrorRecord(bad, bad is InvalidDataException ? "ZooKeeper.BadTreeFile" : "ZooKeeper.TreeFileUnreadable",
                bad is InvalidDataException ? ErrorCategory.InvalidData : ErrorCategory.ReadError, Source));
        }
    }

    protected override void EndProcessing() => Complete();

    private void Import(TreeRecord record)
    {
        var target = _importer!.DestinationOf(record);
        _records++;
        if (!ShouldProcess(target, "Import node"))
        {
            return;
        }
        Run(() => _importer.AddAsync(record, StopToken), target);
        _progress!.Report($"{_records} nodes read: {_importer.Created} created, {_importer.Updated} overwritten, {_importer.Skipped} skipped, {_importer.Pending} pending");
    }

    private void Complete()
    {
        if (_importer is null || _progress is null)
        {
            return;
        }
        var progress = _progress;
        _progress = null;
        Run(() => _importer.CompleteAsync(StopToken), Destination);
        progress.Complete();
        WriteVerbose($"Imported {SubtreeRemoval.Nodes(_records)} under {Destination} in {_clock.Elapsed.TotalSeconds:0.0} s: " +
            $"{_importer.Created} created, {_importer.Updated} overwritten, {_importer.Skipped} skipped, {_importer.Failed} failed.");
    }

    private void Run(System.Func<System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<NodeFailure>>> step, string target)
    {
        try
        {
            SubtreeWork.WriteFailures(this, this.Await(step, _session));
        }
        catch (System.Exception failure) when (SubtreeWork.EndsTheRun(failure))
        {
            SubtreeWork.Terminate(this, failure, (failure as Client.ZooKeeperException)?.Path ?? target,
                "Run the same import again once the session is connected, with -Conflict Overwrite: it finishes the job without duplicates.");
        }
    }
}
