using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>The next attempt at a request whose connection was lost, or null when sending it again would not be safe.</summary>
internal delegate Func<Task<T>>? Resend<T>(Exception lost);

/// <summary>
/// Keeps up to a bounded number of requests in flight and finishes them in the order they were added, on the
/// pipeline thread of its host. A command adds one request per input item; each request's success or failure goes
/// to its own callback, so output and errors come out in input order, each attributed to its own item, while the
/// server works on the requests behind it. A failure found before anything was sent takes its place in the same
/// order (<see cref="AddFailure"/>).
/// A request that lost its connection may be resent (see <see cref="Add{T}"/>); one that is not resent fails with
/// ConnectionLoss, whose error says that its outcome is unknown. Resends share one deadline per session: once the
/// session has gone a session timeout without a server answering, every further lost request fails at once, so a
/// pipeline with the servers gone ends after one session timeout, not one per item.
/// </summary>
internal sealed class RequestWindow
{
    public const int DefaultCapacity = 500;

    private readonly IZkPipelineHost _host;
    private readonly int _capacity;
    private readonly Queue<Entry> _inFlight = new();
    private readonly Dictionary<ZkSession, DateTime> _resendDeadlines;
    private int _nodes;

    public RequestWindow(IZkPipelineHost host, int capacity = DefaultCapacity)
        : this(host, capacity, new Dictionary<ZkSession, DateTime>())
    {
    }

    private RequestWindow(IZkPipelineHost host, int capacity, Dictionary<ZkSession, DateTime> resendDeadlines)
    {
        _host = host;
        _capacity = capacity;
        _resendDeadlines = resendDeadlines;
    }

    /// <summary>
    /// A window for redoing, one by one, the items of a request of this window from inside its callback (the items
    /// of a failed batch). It shares this window's resend deadlines, so the redone items of many lost batches still
    /// wait one session timeout in all, not one each.
    /// </summary>
    public RequestWindow ForRedo() => new(_host, _capacity, _resendDeadlines);

    /// <summary>How many requests (and failures) wait to be finished.</summary>
    public int Count => _inFlight.Count;

    /// <summary>
    /// Sends a request and adds it; finishes the ones already done, and waits for the oldest while the window is
    /// full (its capacity counts nodes: a multiRead of 16 nodes weighs 16, see <paramref name="nodes"/>).
    /// <paramref name="resend"/>, when given, is asked for another attempt after one that failed with ConnectionLoss
    /// (see <see cref="LostCreate"/>).
    /// </summary>
    public void Add<T>(Func<Task<T>> send, ZkSession session, Action<T> onSuccess, Action<Exception> onFailure,
        Resend<T>? resend = null, int nodes = 1)
    {
        Func<Exception, Task?>? nextAttempt = resend is null
            ? null
            : lost => resend(lost) is { } next ? ClientCall.Start(next) : null;
        Enqueue(new Entry(ClientCall.Start(send), session, done => onSuccess(((Task<T>)done).Result), onFailure, nextAttempt, nodes));
    }

    /// <summary>Sends a request whose success has nothing to report (a delete) and adds it.</summary>
    public void Add(Func<Task> send, ZkSession session, Action<Exception> onFailure) =>
        Enqueue(new Entry(ClientCall.Start(send), session, static _ => { }, onFailure, null, 1));

    /// <summary>Adds a failure found before anything was sent (bad input): it is reported after the requests before it.</summary>
    public void AddFailure(Exception failure, Action<Exception> onFailure) =>
        Enqueue(new Entry(Task.FromException(failure), null, static _ => { }, onFailure, null, 0));

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

    private void Enqueue(Entry entry)
    {
        _inFlight.Enqueue(entry);
        _nodes += entry.Nodes;
        FinishCompleted();
        while (_nodes >= _capacity)
        {
            FinishOldest();
        }
    }

    private void FinishOldest()
    {
        var entry = _inFlight.Peek();
        _host.WaitFor(entry.Request, entry.Session);
        if (entry.Resend is not null && IsConnectionLoss(entry.Request))
        {
            entry.Request = ResendUntilAnswered(entry.Request, entry.Resend, entry.Session!);
        }
        _inFlight.Dequeue();
        _nodes -= entry.Nodes;
        if (entry.Request.Status == TaskStatus.RanToCompletion)
        {
            entry.Succeed(entry.Request);
        }
        else
        {
            entry.Fail(ClientCall.FailureOf(entry.Request));
        }
    }

    /// <summary>
    /// Sends the request again until a server answers it, for as long as the session can outlive the disconnection
    /// (its timeout, counted from the first loss no server has answered since) and the resend says it is safe. The
    /// client queues it until it has reconnected, and fails it again if no server takes it.
    /// </summary>
    private Task ResendUntilAnswered(Task lost, Func<Exception, Task?> resend, ZkSession session)
    {
        if (!_resendDeadlines.TryGetValue(session, out var deadline))
        {
            deadline = DateTime.UtcNow + session.Timeout;
            _resendDeadlines.Add(session, deadline);
        }
        var attempt = lost;
        while (IsConnectionLoss(attempt) && DateTime.UtcNow < deadline)
        {
            var next = resend(ClientCall.FailureOf(attempt));
            if (next is null)
            {
                break;
            }
            _host.WaitFor(next, session);
            attempt = next;
        }
        if (!IsConnectionLoss(attempt))
        {
            _resendDeadlines.Remove(session); // a server answered: a later loss gets a deadline of its own
        }
        return attempt;
    }

    private static bool IsConnectionLoss(Task request) =>
        request.IsFaulted && ZkErrors.Unwrap(request.Exception!) is ZooKeeperException { Code: ErrorCode.ConnectionLoss };

    private sealed class Entry
    {
        public Entry(Task request, ZkSession? session, Action<Task> succeed, Action<Exception> fail, Func<Exception, Task?>? resend, int nodes)
        {
            Request = request;
            Session = session;
            Succeed = succeed;
            Fail = fail;
            Resend = resend;
            Nodes = nodes;
        }

        public Task Request { get; set; }
        public ZkSession? Session { get; }
        public Action<Task> Succeed { get; }
        public Action<Exception> Fail { get; }
        public Func<Exception, Task?>? Resend { get; }
        public int Nodes { get; }
    }
}
