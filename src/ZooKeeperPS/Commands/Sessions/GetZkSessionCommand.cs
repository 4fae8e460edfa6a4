using System;
using System.Management.Automation;
using ZooKeeperPS.Client;

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
        var sessions = Default ? (state.Default is null ? new ZkSession[0] : new[] { state.Default }) : state.Open;
        foreach (var session in sessions)
        {
            LearnServerMode(session);
            WriteObject(session);
        }
    }

    /// <summary>Asks the session's server for its mode (srvr, once per connection); unknown when it does not answer.</summary>
    private void LearnServerMode(ZkSession session)
    {
        if (session.State is not (ConnectionState.Connected or ConnectionState.ConnectedReadOnly))
        {
            session.ServerMode = null;
            return;
        }
        var client = session.Client;
        var token = StopToken;
        try
        {
            session.ServerMode = this.Await(() => client.GetServerModeAsync(token), session);
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            WriteVerbose($"The mode of {session.Server} is unknown: {failure.Message}");
            session.ServerMode = null;
        }
    }
}
