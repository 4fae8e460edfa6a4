using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>Closes sessions (the default one unless told otherwise); the server removes their ephemeral nodes.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "ZooKeeper")]
[OutputType(typeof(void))]
public sealed class DisconnectZooKeeperCommand : ZkCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public ZkSession[]? Session { get; set; }

    protected override void ProcessRecord()
    {
        var sessions = Session;
        if (sessions is null)
        {
            var current = RunspaceSessions.Current.Default;
            if (current is null)
            {
                ThrowTerminatingError(ZkErrors.NoSession());
            }
            sessions = new[] { current! };
        }

        foreach (var session in sessions)
        {
            WriteVerbose($"Closing session {session.Id} on {session.Server}.");
            RunspaceSessions.Current.Remove(session);
            var closing = ClientCall.Start(() => session.Client.CloseAsync(StopToken));
            WaitFor(closing, session);
            if (closing.IsFaulted)
            {
                // The session is unusable either way; say why the close was not clean.
                WriteError(ZkErrors.FromException(closing.Exception!, session));
            }
            session.Client.Dispose();
        }
    }
}
