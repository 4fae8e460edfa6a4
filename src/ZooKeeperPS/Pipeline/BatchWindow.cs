using System;
using System.Collections.Generic;

namespace ZooKeeperPS;

/// <summary>
/// Collects the items of a pipeline into batches (one request for several items, see
/// <see cref="IBatchOperation{TItem, TResult}"/>) and keeps the requests in flight in a <see cref="RequestWindow"/>,
/// so that results and errors come out in input order, each for its own item.
/// A batch is sent when it is full (<see cref="BatchLimits"/>), before an item for another session, before a
/// rejected item, and whenever nothing else is in flight: then nobody waits for a fuller batch, so a slow pipeline
/// still gets each item at once. A batch of one item is sent as a single request. A batch that fails because of one
/// of its items is redone item by item, so that each item gets its own outcome.
/// </summary>
internal sealed class BatchWindow<TItem, TResult>
{
    private readonly IZkPipelineHost _host;
    private readonly IBatchOperation<TItem, TResult> _operation;
    private readonly BatchLimits _limits;
    private readonly Action<ZkSession, TItem, TResult> _onSuccess;
    private readonly Action<TItem, Exception> _onFailure;
    private readonly RequestWindow _window;
    private readonly List<TItem> _batch = new();
    private ZkSession? _batchSession;
    private int _batchBytes;

    /// <param name="host">The command whose pipeline thread sends, waits and reports.</param>
    /// <param name="operation">How the items go to the server.</param>
    /// <param name="limits">How large a batch may grow.</param>
    /// <param name="onSuccess">Called in input order for each item that succeeded, with its session.</param>
    /// <param name="onFailure">Called in input order for each item that failed.</param>
    public BatchWindow(IZkPipelineHost host, IBatchOperation<TItem, TResult> operation, BatchLimits limits,
        Action<ZkSession, TItem, TResult> onSuccess, Action<TItem, Exception> onFailure)
    {
        _host = host;
        _operation = operation;
        _limits = limits;
        _onSuccess = onSuccess;
        _onFailure = onFailure;
        _window = new RequestWindow(host);
    }

    public void Add(ZkSession session, TItem item)
    {
        var size = _operation.SizeOf(item);
        if (_batch.Count > 0 && (!ReferenceEquals(_batchSession, session) || _batchBytes + size > _limits.MaxBytes))
        {
            Flush();
        }
        _batch.Add(item);
        _batchBytes += size;
        _batchSession = session;
        _window.FinishCompleted();
        if (_batch.Count >= _limits.MaxItems || _window.Count == 0)
        {
            Flush();
        }
    }

    /// <summary>Reports an item refused before sending (bad input) in its place: after the items before it.</summary>
    public void Reject(TItem item, Exception failure)
    {
        Flush();
        _window.AddFailure(failure, exception => _onFailure(item, exception));
    }

    /// <summary>Sends what is collected and finishes everything in flight (EndProcessing).</summary>
    public void Drain()
    {
        Flush();
        _window.Drain();
    }

    private void Flush()
    {
        if (_batch.Count == 0)
        {
            return;
        }
        var session = _batchSession!;
        var items = _batch.ToArray();
        _batch.Clear();
        _batchBytes = 0;
        _batchSession = null;
        if (items.Length == 1)
        {
            SendOne(_window, session, items[0]);
            return;
        }

        var client = session.Client;
        var token = _host.StopToken;
        _window.Add(() => _operation.SendBatch(client, items, token), session,
            outcomes =>
            {
                for (var i = 0; i < items.Length; i++)
                {
                    if (outcomes[i].Failure is { } failure)
                    {
                        _onFailure(items[i], failure);
                    }
                    else
                    {
                        _onSuccess(session, items[i], outcomes[i].Result);
                    }
                }
            },
            failure =>
            {
                if (_operation.FailedForAnItem(failure))
                {
                    SendEachAlone(session, items);
                    return;
                }
                foreach (var item in items)
                {
                    _onFailure(item, failure);
                }
            },
            nodes: items.Length);
    }

    private void SendEachAlone(ZkSession session, TItem[] items)
    {
        var singles = new RequestWindow(_host);
        foreach (var item in items)
        {
            SendOne(singles, session, item);
        }
        singles.Drain();
    }

    private void SendOne(RequestWindow window, ZkSession session, TItem item)
    {
        var client = session.Client;
        var token = _host.StopToken;
        window.Add(() => _operation.SendOne(client, item, token), session,
            result => _onSuccess(session, item, result), failure => _onFailure(item, failure));
    }
}
