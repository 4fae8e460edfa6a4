using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Reads a shared counter in kazoo's Counter format (or Curator's with -Curator).</summary>
[Cmdlet(VerbsCommon.Get, "ZkCounter")]
[OutputType(typeof(ZkCounter))]
public sealed class GetZkCounterCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>The data is a 4-byte big-endian integer (Curator's SharedCount) instead of text.</summary>
    [Parameter]
    public SwitchParameter Curator { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        var read = ZooKeeperCounter.GetAsync(session.Client, Path, Curator, StopToken);
        WaitFor(read, session);
        if (read.IsFaulted || read.IsCanceled)
        {
            WriteFailure(read.Exception ?? (System.Exception)new System.OperationCanceledException(), Path);
            return;
        }
        WriteObject(new ZkCounter(session, Path, read.Result.Value, null, read.Result.Stat.Version));
    }
}
