using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// The transaction whose script block runs in this runspace (Invoke-ZkTransaction): while it is open, New-ZkNode,
/// Set-ZkNode, Remove-ZkNode and Test-ZkNode add their operation here instead of sending it (see
/// <see cref="Commands.InTransaction"/>). Kept per runspace, like the sessions: a transaction in one runspace never
/// collects the operations of another.
/// </summary>
internal sealed class ZkTransaction
{
    private static readonly ConditionalWeakTable<Runspace, ZkTransaction> Open = new();
    private readonly Runspace _runspace;
    private readonly List<ZkOperation> _operations = new();
    private readonly List<Op> _ops = new();

    private ZkTransaction(Runspace runspace, ZkSession session)
    {
        _runspace = runspace;
        Session = session;
    }

    /// <summary>The open transaction of the runspace running on this thread, or null.</summary>
    public static ZkTransaction? Current =>
        Runspace.DefaultRunspace is { } runspace && Open.TryGetValue(runspace, out var transaction) ? transaction : null;

    /// <summary>The session every operation goes to; the session of the cmdlets in the block that are not given -Session.</summary>
    public ZkSession Session { get; }

    public IReadOnlyList<ZkOperation> Operations => _operations;

    /// <summary>The client's operations, in the same order as <see cref="Operations"/>.</summary>
    public IReadOnlyList<Op> Ops => _ops;

    /// <summary>Opens the transaction of this runspace; null when one is open already (transactions do not nest).</summary>
    public static ZkTransaction? Begin(ZkSession session)
    {
        var runspace = Runspace.DefaultRunspace;
        if (Open.TryGetValue(runspace, out _))
        {
            return null;
        }
        var transaction = new ZkTransaction(runspace, session);
        Open.Add(runspace, transaction);
        return transaction;
    }

    /// <summary>Closes the transaction: from now on the cmdlets run their operations again.</summary>
    public void End() => Open.Remove(_runspace);

    /// <summary>Adds an operation; an ArgumentException (and nothing added) for one that cannot be sent.</summary>
    public void Add(ZkOperation operation)
    {
        var op = operation.ToOp();
        _operations.Add(operation);
        _ops.Add(op);
    }

    /// <summary>
    /// The error of a cmdlet (or a parameter of one) in the block that cannot take part in a transaction: a terminating
    /// error, and nothing is sent.
    /// </summary>
    public static System.Management.Automation.ErrorRecord NotQueueable(string what, object? target) => ZkErrors.InvalidArgument(
        $"{what} cannot be part of a transaction: inside Invoke-ZkTransaction only New-ZkNode (without -MakePath), Set-ZkNode, " +
        "Remove-ZkNode (without -Recurse) and Test-ZkNode are queued, and other changes are refused. Nothing of the transaction was sent.",
        "NotInTransaction", target);

    /// <summary>Thrown while an operation is built for a parameter that a transaction cannot hold (see <see cref="NotQueueable"/>).</summary>
    public static NotSupportedException Refusal(string what) => new(what);
}
