using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Commands;

namespace ZooKeeperPS;

/// <summary>
/// Keeps up to a bounded number of requests in flight and finishes them in the order they were issued, on the
/// pipeline thread. A cmdlet adds one request per input record; output and errors come out in input order, each
/// attributed to its own item, while the server works on the requests behind it.
/// A request that lost its connection may be resent (see <see cref="Add"/>); one that is not resent is reported as
/// ConnectionLoss, whose error says that its outcome is unknown.
/// </summary>
internal sealed class RequestWindow
{
    public const int DefaultCapacity = 500;

    private readonly ZkCmdlet _cmdlet;
    private readonly int _capacity;
    private readonly Queue<(Task Request, ZkSession Session, Action<Task> Finish, Func<Task, Task?>? Resend, int Nodes)> _inFlight = new();
    private int _nodes;

    public RequestWindow(ZkCmdlet cmdlet, int capacity = DefaultCapacity)
    {
        _cmdlet = cmdlet;
        _capacity = capacity;
    }

    public int Count => _inFlight.Count;

    /// <summary>
    /// Adds an issued request; finishes the ones already done, and waits for the oldest while the window is full
    /// (its capacity counts nodes: a multiRead of 16 nodes weighs 16, see <paramref name="nodes"/>).
    /// <paramref name="resend"/>, when given, is called with an attempt that failed with ConnectionLoss and issues
    /// the request again, or returns null when that would not be safe (see <see cref="LostCreate"/>).
    /// </summary>
    public void Add(Task request, ZkSession session, Action<Task> finish, Func<Task, Task?>? resend = null, int nodes = 1)
    {
        _inFlight.Enqueue((request, session, finish, resend, nodes));
        _nodes += nodes;
        FinishCompleted();
        while (_nodes >= _capacity)
        {
            FinishOldest();
        }
    }

    /// <summary>Finishes the requests at the head of the window that have already completed, without waiting.</summary>
    public void FinishCompleted()
    {
        while (_inFlight.Count > 0 && _inFlight.Peek().Request.IsCompleted)
        {
            FinishOldest();
        }
    }

    /// <summary>Waits for and finishes every request still in flight (EndProcessing).</summary>
    public void Drain()
    {
        while (_inFlight.Count > 0)
        {
            FinishOldest();
        }
    }

    private void FinishOldest()
    {
        var (request, session, finish, resend, nodes) = _inFlight.Peek();
        _cmdlet.WaitFor(request, session);
        if (resend is not null && IsConnectionLoss(request))
        {
            request = ResendUntilAnswered(request, resend, session);
        }
        _inFlight.Dequeue();
        _nodes -= nodes;
        finish(request);
    }

    /// <summary>
    /// Sends the request again until a server answers it, for as long as the session can outlive the disconnection
    /// (its timeout) and the resend says it is safe. The client queues it until it has reconnected, and fails it
    /// again if no server takes it.
    /// </summary>
    private Task ResendUntilAnswered(Task lost, Func<Task, Task?> resend, ZkSession session)
    {
        var deadline = DateTime.UtcNow + session.Timeout;
        var attempt = lost;
        while (IsConnectionLoss(attempt) && DateTime.UtcNow < deadline)
        {
            var next = resend(attempt);
            if (next is null)
            {
                break;
            }
            _cmdlet.WaitFor(next, session);
            attempt = next;
        }
        return attempt;
    }

    private static bool IsConnectionLoss(Task request) =>
        request.IsFaulted && ZkErrors.Unwrap(request.Exception!) is ZooKeeperException { Code: ErrorCode.ConnectionLoss };
}
