using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// Collects the items of a pipeline into batches (one request for several items, see
/// <see cref="IBatchOperation{TItem, TResult}"/>) and keeps the requests in flight in a <see cref="RequestWindow"/>,
/// so that results and errors come out in input order, each for its own item.
/// A batch is sent when it is full (<see cref="BatchLimits"/>), before an item for another session, before a
/// rejected item, and whenever nothing else is in flight: then nobody waits for a fuller batch, so a slow pipeline
/// still gets each item at once. A batch of one item is sent as a single request. A batch that fails because of one
/// of its items is redone item by item, so that each item gets its own outcome. A batch that lost its connection
/// is redone item by item as far as each item's resend allows (<see cref="IBatchOperation{TItem, TResult}.ResendOf"/>:
/// a create confirms what the lost batch did), with the same deadline as lost items sent alone.
/// A batch never grows past half the session's request limit (the client's JuteMaxBuffer, the servers' jute.maxbuffer).
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
        if (_batch.Count > 0 && (!ReferenceEquals(_batchSession, session) || _batchBytes + size > MaxBytes(session)))
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

    // Item sizes count data, paths and ACLs but not every header byte of the request: half the limit leaves room.
    private int MaxBytes(ZkSession session) => Math.Min(_limits.MaxBytes, session.Client.JuteMaxBuffer / 2);

    /// <summary>
    /// Sends what is collected now: before a request of the caller's own that the server must carry out after the
    /// items before it (a parent that New-ZkNode -MakePath creates).
    /// </summary>
    public void Flush()
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
        // Asked before the batch leaves: a resend that confirms a lost create must know what the session had seen then.
        var resends = Array.ConvertAll(items, item => _operation.ResendOf(client, item, token));
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
                if (IsConnectionLoss(failure))
                {
                    RedoLost(session, items, resends, failure);
                    return;
                }
                foreach (var item in items)
                {
                    _onFailure(item, failure);
                }
            },
            nodes: items.Length);
    }

    /// <summary>
    /// Each item of a batch that lost its connection, as if it had been sent alone and lost: the window resends it
    /// (its resend decides how, knowing that the batch may have reached the server) or fails it with the loss.
    /// </summary>
    private void RedoLost(ZkSession session, TItem[] items, Resend<TResult>?[] resends, Exception lost)
    {
        var singles = _window.ForRedo();
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            singles.Add(() => Task.FromException<TResult>(lost), session,
                result => _onSuccess(session, item, result), failure => _onFailure(item, failure), resends[i]);
        }
        singles.Drain();
    }

    private static bool IsConnectionLoss(Exception failure) => failure is ZooKeeperException { Code: ErrorCode.ConnectionLoss };

    private void SendEachAlone(ZkSession session, TItem[] items)
    {
        var singles = _window.ForRedo();
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
            result => _onSuccess(session, item, result), failure => _onFailure(item, failure),
            _operation.ResendOf(client, item, token));
    }
}
