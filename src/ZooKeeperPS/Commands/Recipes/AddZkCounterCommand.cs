using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Adds to a shared counter in kazoo's Counter format (compare-and-set, tried again on a concurrent change).</summary>
[Cmdlet(VerbsCommon.Add, "ZkCounter", SupportsShouldProcess = true)]
[OutputType(typeof(ZkCounter))]
public sealed class AddZkCounterCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>What to add; negative to subtract. Whole numbers keep an integer counter whole.</summary>
    [Parameter(Position = 1)]
    public double Increment { get; set; } = 1;

    /// <summary>The data is a 4-byte big-endian integer (Curator's SharedCount, kazoo's support_curator) instead of text.</summary>
    [Parameter]
    public SwitchParameter Curator { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        if (!ShouldProcess(Path, $"Add {Increment} to the counter"))
        {
            return;
        }
        var change = ZooKeeperCounter.AddAsync(session.Client, Path, Increment, Curator, StopToken);
        WaitFor(change, session);
        if (change.IsFaulted || change.IsCanceled)
        {
            WriteFailure(change.Exception ?? (System.Exception)new System.OperationCanceledException(), Path);
            return;
        }
        var done = change.Result;
        WriteObject(new ZkCounter(session, Path, done.PostValue, done.PreValue, done.Stat.Version));
    }
}
