using System;
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

    /// <summary>
    /// The session of this record: -Session, or inside Invoke-ZkTransaction the transaction's session, or the
    /// default session. Inside a transaction, a cmdlet that cannot be queued, or that is queued for another session,
    /// stops with a terminating error.
    /// </summary>
    private protected ZkSession ResolveSession()
    {
        var transaction = ZkTransaction.Current;
        var session = Session ?? transaction?.Session ?? RunspaceSessions.Current.Default;
        if (session is null)
        {
            ThrowTerminatingError(ZkErrors.NoSession());
        }
        if (transaction is not null)
        {
            CheckTransaction(transaction, session!);
        }
        WriteConnectionLog(session);
        return session!;
    }

    /// <summary>
    /// Inside Invoke-ZkTransaction: adds the operation to the transaction and returns true; outside, returns false
    /// and the cmdlet runs the operation itself. An operation that cannot be sent (a bad path) is a terminating error.
    /// </summary>
    private protected bool Queued(Func<ZkOperation> operation)
    {
        if (ZkTransaction.Current is not { } transaction)
        {
            return false;
        }
        ZkOperation? built = null;
        try
        {
            built = operation();
            transaction.Add(built);
        }
        catch (ArgumentException exception)
        {
            WriteFailure(exception, built?.Path);
        }
        catch (NotSupportedException refused)
        {
            ThrowTerminatingError(ZkTransaction.NotQueueable(refused.Message, null));
        }
        return true;
    }

    private void CheckTransaction(ZkTransaction transaction, ZkSession session)
    {
        switch (InTransaction)
        {
            case InTransaction.Refused:
                ThrowTerminatingError(ZkTransaction.NotQueueable(MyInvocation.MyCommand.Name, null));
                break;
            case InTransaction.Queued when !ReferenceEquals(session, transaction.Session):
                ThrowTerminatingError(ZkErrors.InvalidArgument(
                    $"{MyInvocation.MyCommand.Name} was given a session other than the transaction's ({transaction.Session.Id}): " +
                    "the operations of a transaction all go to one session. Nothing of the transaction was sent.",
                    "TransactionSessionMismatch", session));
                break;
        }
    }
}
