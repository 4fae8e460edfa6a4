using System;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>
/// One request on its way: its opcode and record, and how its reply completes it. The send loop writes it and
/// gives it an xid; the receive loop completes it (so <see cref="Complete"/> must not run user code: tasks
/// continue asynchronously).
/// </summary>
internal abstract class Request
{
    protected Request(OpCode opCode, string? path)
    {
        OpCode = opCode;
        Path = path;
    }

    public OpCode OpCode { get; }

    /// <summary>The path as the caller gave it (for error messages), or null.</summary>
    public string? Path { get; }

    public int Xid { get; set; }

    /// <summary>When the send loop wrote it (<see cref="Connection.MonotonicClock"/> milliseconds), for the request timeout.</summary>
    public long SentAt { get; set; }

    /// <summary>Auth packets use xid -4 and are answered out of band.</summary>
    public virtual bool IsAuth => false;

    public abstract bool IsDone { get; }

    /// <summary>Writes the request record (the header is written by the send loop).</summary>
    public abstract void WriteBody(JuteWriter writer);

    /// <summary>
    /// Completes the request from its reply. A body that cannot be right (malformed, not UTF-8, longer than its
    /// record) throws <see cref="ProtocolException"/> and leaves the request to the connection, which fails it as lost.
    /// </summary>
    public abstract void Complete(ErrorCode error, JuteReader body);

    public abstract void Fail(Exception exception);
}

/// <summary>A request whose reply gives a <typeparamref name="T"/>.</summary>
internal abstract class Request<T> : Request
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _cancellation;

    protected Request(OpCode opCode, string? path) : base(opCode, path)
    {
    }

    public Task<T> Task => _completion.Task;

    public override bool IsDone => _completion.Task.IsCompleted;

    public override void Complete(ErrorCode error, JuteReader body)
    {
        _cancellation.Dispose();
        OnReplyCode(error);
        if (error == ErrorCode.Ok)
        {
            T result;
            try
            {
                result = ReadResult(body);
                body.EnsureConsumed($"{OpCode} reply");
            }
            catch (ZooKeeperException e)
            {
                // A well-formed reply that reports a failure inside its body (a failed transaction).
                _completion.TrySetException(e);
                return;
            }

            _completion.TrySetResult(result);
        }
        else if (TryGetResultForError(error, out var result))
        {
            _completion.TrySetResult(result);
        }
        else
        {
            _completion.TrySetException(new ZooKeeperException(error, Path));
        }
    }

    public override void Fail(Exception exception)
    {
        _cancellation.Dispose();
        _completion.TrySetException(exception);
    }

    /// <summary>
    /// Cancels the request when the token is cancelled, until it completes. Called before the request is queued; the
    /// registration goes with the completion, so a request costs no continuation of its own for it.
    /// </summary>
    public void CancelWith(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        _cancellation = cancellationToken.Register(static state =>
        {
            var request = (Request<T>)state!;
            request._completion.TrySetCanceled(request._cancellationToken);
        }, this);
    }

    /// <summary>Reads the response record of a successful reply.</summary>
    protected abstract T ReadResult(JuteReader body);

    /// <summary>Some error codes are answers, not failures (exists on a missing node).</summary>
    protected virtual bool TryGetResultForError(ErrorCode error, out T result)
    {
        result = default!;
        return false;
    }

    /// <summary>Runs on the receive loop before completion: where reads register their watches.</summary>
    protected virtual void OnReplyCode(ErrorCode error)
    {
    }
}

/// <summary>A request with no response record.</summary>
internal abstract class EmptyResultRequest : Request<bool>
{
    protected EmptyResultRequest(OpCode opCode, string? path) : base(opCode, path)
    {
    }

    protected override bool ReadResult(JuteReader body) => true;
}
