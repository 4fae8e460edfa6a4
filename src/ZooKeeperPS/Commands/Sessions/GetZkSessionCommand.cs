using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>Lists the sessions open in this runspace.</summary>
[Cmdlet(VerbsCommon.Get, "ZkSession")]
[OutputType(typeof(ZkSession))]
public sealed class GetZkSessionCommand : ZkCmdlet
{
    /// <summary>Only the default session (the one cmdlets use without -Session).</summary>
    [Parameter]
    public SwitchParameter Default { get; set; }

    protected override void ProcessRecord()
    {
        var state = RunspaceSessions.Current;
        if (Default)
        {
            if (state.Default is not null)
            {
                WriteObject(state.Default);
            }
            return;
        }
        WriteObject(state.Open, enumerateCollection: true);
    }
}
