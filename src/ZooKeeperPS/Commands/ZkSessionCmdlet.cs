using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Base of the cmdlets that talk to a server: owns -Session (by default the runspace's default session, the one
/// the last Connect-ZooKeeper opened) and hands each record the resolved session.
/// </summary>
public abstract class ZkSessionCmdlet : ZkCmdlet
{
    /// <summary>
    /// The session to use. Module output carries its session, so piping it binds this by property name; piped
    /// sessions bind by value (Get-ZkSession | Get-ZkNode /x).
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PipedSessionTransformation]
    [ValidateNotNull]
    public ZkSession? Session { get; set; }

    protected sealed override void ProcessRecord() => ProcessRecord(ResolveSession());

    /// <summary>Processes one input record with the session it is bound to.</summary>
    private protected abstract void ProcessRecord(ZkSession session);

    private protected ZkSession ResolveSession()
    {
        var session = Session ?? RunspaceSessions.Current.Default;
        if (session is null)
        {
            ThrowTerminatingError(ZkErrors.NoSession());
        }
        WriteConnectionLog(session);
        return session!;
    }
}
