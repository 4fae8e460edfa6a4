using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Applies several changes all together or not at all (one multi request). Inside the script block New-ZkNode,
/// Set-ZkNode, Remove-ZkNode and Test-ZkNode queue their operation (see <see cref="ZkTransaction"/>); operations
/// built beforehand come through -Operation or the pipeline. One result per operation, in order; a failure is a
/// terminating error that names the failing operation.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ZkTransaction", SupportsShouldProcess = true, DefaultParameterSetName = ScriptBlockSet)]
[OutputType(typeof(ZkOperationResult))]
public sealed class InvokeZkTransactionCommand : ZkSessionCmdlet
{
    private const string ScriptBlockSet = "ScriptBlock";
    private const string OperationSet = "Operation";
    private readonly List<ZkOperation> _piped = new();
    private ZkSession? _pipedSession;

    /// <summary>The changes: New-ZkNode, Set-ZkNode, Remove-ZkNode and Test-ZkNode in it are queued, not run.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ScriptBlockSet)]
    public ScriptBlock? ScriptBlock { get; set; }

    /// <summary>Operations built beforehand ([ZooKeeperPS.ZkOperation] objects, or objects with Kind, Path, Value, Version).</summary>
    [Parameter(Mandatory = true, ParameterSetName = OperationSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ZkOperation[] Operation { get; set; } = { };

    // Runs before a transaction is open, so it is never refused; a nested one is refused in ProcessRecord.
    internal override InTransaction InTransaction => InTransaction.RunsNow;

    private protected override void ProcessRecord(ZkSession session)
    {
        if (ZkTransaction.Current is not null)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "Invoke-ZkTransaction cannot run inside another transaction: put all the operations in one script block. Nothing of the transaction was sent.",
                "NestedTransaction", null));
        }
        if (ParameterSetName == OperationSet)
        {
            if (_pipedSession is not null && !ReferenceEquals(_pipedSession, session))
            {
                ThrowTerminatingError(ZkErrors.InvalidArgument(
                    "The operations of one transaction must all go to one session. Nothing of the transaction was sent.", "TransactionSessionMismatch", session));
            }
            _pipedSession = session;
            _piped.AddRange(Operation);
            return;
        }
        var transaction = Collect(session);
        Commit(session, transaction.Operations, transaction.Ops);
    }

    protected override void EndProcessing()
    {
        if (_pipedSession is null)
        {
            return;
        }
        var ops = new List<Op>();
        foreach (var operation in _piped)
        {
            try
            {
                ops.Add(operation.ToOp());
            }
            catch (ArgumentException exception)
            {
                var record = ZkErrors.FromException(exception, operation.Path);
                record.ErrorDetails = new ErrorDetails(
                    $"Operation {ops.Count} ({operation}) cannot be sent: {record.ErrorDetails?.Message ?? exception.Message} Nothing of the transaction was sent.");
                ThrowTerminatingError(record);
            }
        }
        Commit(_pipedSession, _piped, ops);
    }

    /// <summary>Runs the script block with the transaction open; what it writes goes to the output as it is.</summary>
    private ZkTransaction Collect(ZkSession session)
    {
        var defaultBefore = RunspaceSessions.Current.Default;
        var transaction = ZkTransaction.Begin(session)!;
        try
        {
            WriteObject(ScriptBlock!.Invoke(), enumerateCollection: true);
        }
        catch (RuntimeException failure) when (failure is not PipelineStoppedException && failure.ErrorRecord is { } record)
        {
            // The error of a cmdlet in the block (a refused cmdlet, a bad operation) or of the block itself.
            ThrowTerminatingError(record);
        }
        finally
        {
            transaction.End();
        }
        if (!ReferenceEquals(defaultBefore, RunspaceSessions.Current.Default))
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "The default session changed inside the transaction (Connect-ZooKeeper or Disconnect-ZooKeeper ran in it): " +
                "connect before Invoke-ZkTransaction, or give it -Session. Nothing of the transaction was sent.",
                "TransactionSessionMismatch", null));
        }
        return transaction;
    }

    private void Commit(ZkSession session, IReadOnlyList<ZkOperation> operations, IReadOnlyList<Op> ops)
    {
        var count = operations.Count;
        var approved = true;
        for (var i = 0; i < count; i++)
        {
            // Every operation is asked about (-WhatIf lists them all); one refused keeps the whole transaction back.
            approved &= ShouldProcess(operations[i].Path, $"{Action(operations[i])} (operation {i} of a transaction of {count})");
        }
        if (!approved)
        {
            WriteVerbose("The transaction was not sent.");
            return;
        }
        if (count == 0)
        {
            WriteVerbose("The transaction has no operations; nothing was sent.");
            return;
        }

        IReadOnlyList<OpResult> results;
        var client = session.Client;
        var token = StopToken;
        try
        {
            results = this.Await(() => client.MultiAsync(ops, token), session);
        }
        catch (MultiOperationException failed)
        {
            ThrowTerminatingError(TransactionFailed(failed, operations));
            return;
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            var record = ZkErrors.ForFailedItem(failure, null, null, out _);
            if (ZkErrors.Unwrap(failure) is ArgumentException)
            {
                record.ErrorDetails = new ErrorDetails($"{record.ErrorDetails?.Message ?? failure.Message} Nothing of the transaction was sent.");
            }
            ThrowTerminatingError(record);
            return;
        }
        WriteVerbose($"Transaction of {count} operations applied on session {session.Id}.");
        var createdStats = ReadCreatedStats(session, results);
        for (var i = 0; i < count; i++)
        {
            WriteObject(new ZkOperationResult(session, i, operations[i], results[i], createdStats[i]));
        }
    }

    /// <summary>
    /// The stats of the nodes the transaction created, read right after it: the server's reply to a multi names a
    /// created node but does not carry its stat. Null for the other operations, and for a node already gone again.
    /// </summary>
    private Stat?[] ReadCreatedStats(ZkSession session, IReadOnlyList<OpResult> results)
    {
        var client = session.Client;
        var token = StopToken;
        var reads = new Task<Stat?>?[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i] is CreateOpResult { Stat: null } created)
            {
                reads[i] = ClientCall.Start(() => client.ExistsAsync(created.Path, null, token));
            }
        }
        var stats = new Stat?[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            if (reads[i] is { } read)
            {
                // The transaction is applied: a failed read only leaves the stat out.
                WaitFor(read, session);
                stats[i] = read.Status == TaskStatus.RanToCompletion ? read.Result : null;
            }
        }
        return stats;
    }

    private static string Action(ZkOperation operation) => operation.Kind switch
    {
        ZkOperationKind.Create => "Create node",
        ZkOperationKind.Set => "Set node data",
        ZkOperationKind.Delete => "Remove node",
        _ => "Check node",
    };

    /// <summary>The error of a transaction the server refused: its id and category come from the failing operation's code.</summary>
    private static ErrorRecord TransactionFailed(MultiOperationException failed, IReadOnlyList<ZkOperation> operations)
    {
        var index = failed.FailedOpIndex;
        var operation = operations[index];
        var record = ZkErrors.FromException(failed, operation.Path);
        record.ErrorDetails = new ErrorDetails(
            $"The transaction failed at operation {index} of {operations.Count} ({operation.Kind} {operation.Path}" +
            (operation.Version == -1 || operation.Kind == ZkOperationKind.Create ? "" : $", version {operation.Version}") +
            $"): {failed.Code} ({(int)failed.Code}), {ZooKeeperException.Describe(failed.Code)} " +
            $"The other operations were rolled back: nothing of the transaction was applied.")
        {
            RecommendedAction = "Check the failing operation's node, then run the transaction again.",
        };
        return record;
    }
}
