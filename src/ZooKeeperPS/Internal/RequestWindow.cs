using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ZooKeeperPS.Commands;

namespace ZooKeeperPS;

/// <summary>
/// Keeps up to a bounded number of requests in flight and finishes them in the order they were issued, on the
/// pipeline thread. A cmdlet adds one request per input record; output and errors come out in input order, each
/// attributed to its own item, while the server works on the requests behind it.
/// </summary>
internal sealed class RequestWindow
{
    public const int DefaultCapacity = 500;

    private readonly ZkCmdlet _cmdlet;
    private readonly int _capacity;
    private readonly Queue<(Task Request, ZkSession Session, Action<Task> Finish)> _inFlight = new();

    public RequestWindow(ZkCmdlet cmdlet, int capacity = DefaultCapacity)
    {
        _cmdlet = cmdlet;
        _capacity = capacity;
    }

    public int Count => _inFlight.Count;

    /// <summary>Adds an issued request; finishes the ones already done, and waits for the oldest while the window is full.</summary>
    public void Add(Task request, ZkSession session, Action<Task> finish)
    {
        _inFlight.Enqueue((request, session, finish));
        FinishCompleted();
        while (_inFlight.Count >= _capacity)
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
        var (request, session, finish) = _inFlight.Peek();
        _cmdlet.WaitFor(request, session);
        _inFlight.Dequeue();
        finish(request);
    }
}
