using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol;
using ZooKeeperPS.Client.Protocol.Requests;
using ZooKeeperPS.Client.Session;

namespace ZooKeeperPS.Client.Connection;

/// <summary>
/// One established connection to one server, from the end of its <see cref="Handshake"/> to its loss: a send loop
/// that batches queued requests into few stream writes, a receive loop that routes replies (notifications, pings and
/// auth and live SASL steps by xid, everything else against the head of the pending FIFO), and a heartbeat that pings when idle and
/// declares the connection dead when no whole frame arrives within the read timeout (or a request waits longer than
/// the request timeout). A reply that cannot be right (an xid or ping nobody waits for, a malformed record) is a
/// protocol error: the connection is dropped and its requests fail with ConnectionLoss.
/// </summary>
internal sealed class ServerConnection : IDisposable
{
    private const int SendBatchBytes = 256 * 1024;

    private readonly Stream _stream;
    private readonly FrameReader _frames;
    private readonly JuteReader _reader = new();
    private readonly ConcurrentQueue<Request> _pending = new();
    private readonly ConcurrentQueue<Request> _pendingAuth = new();
    private readonly ConcurrentQueue<Request> _pendingSasl = new();
    private readonly ConcurrentQueue<(Request Request, Exception Failure)> _failAtEnd = new();
    private readonly int _juteMaxBuffer;
    private long _lastReceived;
    private long _lastSent;
    private int _pingRequested;
    private int _pingsOutstanding;
    private bool _credentialsInBatch;

    /// <summary>Takes over from the handshake, whose frame reader may already hold bytes that followed its last reply.</summary>
    public ServerConnection(HostEndpoint server, Stream stream, FrameReader frames, ConnectResponse session, int juteMaxBuffer)
    {
        Server = server;
        Session = session;
        _stream = stream;
        _frames = frames;
        _juteMaxBuffer = juteMaxBuffer;
        _frames.DiscardOversized = DiscardOversizedMultiRead;
        _lastReceived = _lastSent = MonotonicClock.NowMilliseconds;
    }

    public HostEndpoint Server { get; }

    public ConnectResponse Session { get; }

    /// <summary>When the last whole frame arrived (<see cref="MonotonicClock"/> milliseconds; the ConnectResponse at first).</summary>
    public long LastReceived => Volatile.Read(ref _lastReceived);

    /// <summary>
    /// Runs the connection until it fails or <paramref name="cancellationToken"/> stops it, then fails every request
    /// still waiting for a reply. <paramref name="first"/> (SetWatches) is sent before anything queued. Returns why it ended.
    /// </summary>
    public async Task<Exception> RunAsync(RequestQueue outgoing, IReadOnlyList<Request> first, XidSource xids, IConnectionOwner owner,
        TimeSpan readTimeout, TimeSpan? requestTimeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new[]
        {
            SendLoopAsync(outgoing, first, xids, stop.Token),
            ReceiveLoopAsync(owner, stop.Token),
            HeartbeatAsync(outgoing, readTimeout, requestTimeout, stop.Token),
        };
        var ended = await Task.WhenAny(loops).ConfigureAwait(false);
        stop.Cancel();
        _stream.Dispose();
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch
        {
            // The first loop's error is the reason; the others fail only because the socket is gone.
        }

        var reason = ended.Exception?.GetBaseException()
            ?? (cancellationToken.IsCancellationRequested ? new OperationCanceledException("the session was stopped") : new IOException("the connection ended"));
        var reasonText = Describe(reason);
        // The queue first: a request made by someone who saw one of the failures below waits for the next connection.
        outgoing.FailAll(path => owner.RequestLost(path, reasonText));
        while (_failAtEnd.TryDequeue(out var failed)) failed.Request.Fail(failed.Failure);
        while (_pending.TryDequeue(out var request)) request.Fail(owner.RequestLost(request.Path, reasonText));
        while (_pendingAuth.TryDequeue(out var request)) request.Fail(owner.RequestLost(request.Path, reasonText));
        while (_pendingSasl.TryDequeue(out var request)) request.Fail(owner.RequestLost(request.Path, reasonText));
        return reason;
    }

    public static string Describe(Exception reason) => reason switch
    {
        EndOfStreamException => "the server closed the connection",
        ProtocolException => "protocol error: " + reason.Message,
        TimeoutException => reason.Message,
        OperationCanceledException => "the session was stopped",
        _ => reason.Message,
    };

    private async Task SendLoopAsync(RequestQueue outgoing, IReadOnlyList<Request> first, XidSource xids, CancellationToken cancellationToken)
    {
        var writer = new JuteWriter();
        foreach (var request in first) WriteRequest(writer, request, xids);
        while (true)
        {
            if (writer.Length == 0)
            {
                if (outgoing.IsEmpty && Volatile.Read(ref _pingRequested) == 0)
                    await outgoing.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (Interlocked.Exchange(ref _pingRequested, 0) == 1) WritePing(writer);
                while (writer.Length < SendBatchBytes && outgoing.TryDequeue(out var request))
                {
                    if (!request.IsDone) WriteRequest(writer, request, xids); // skip requests cancelled before sending
                }
            }

            if (writer.Length == 0) continue;
            await _stream.WriteAsync(writer.Buffer, 0, writer.Length, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastSent, MonotonicClock.NowMilliseconds);
            // An auth packet's credentials are not left in the buffer once they are sent.
            if (_credentialsInBatch) Array.Clear(writer.Buffer, 0, writer.Length);
            _credentialsInBatch = false;
            writer.Reset();
        }
    }

    private void WriteRequest(JuteWriter writer, Request request, XidSource xids)
    {
        if (request is SaslRequest sasl)
        {
            if (sasl.Connection is not null && sasl.Connection != this)
            {
                request.Fail(new ZooKeeperException(ErrorCode.ConnectionLoss, null,
                    "the connection the SASL login started on was lost, so the login was not finished.") { RequestSent = false });
                return;
            }
            sasl.Connection = this;
        }

        request.Xid = request.IsAuth ? Xids.Auth : xids.Next();
        var frameStart = writer.Length;
        writer.BeginFrame();
        writer.WriteInt(request.Xid);
        writer.WriteInt((int)request.OpCode);
        request.WriteBody(writer);
        var length = writer.EndFrame();
        if (length > _juteMaxBuffer)
        {
            // The server would drop the connection ("Len error") and the caller would never learn why.
            writer.Truncate(frameStart);
            request.Fail(new ArgumentException(
                $"The request is {length:n0} bytes long encoded; a server takes at most {_juteMaxBuffer:n0} bytes per request " +
                "(its jute.maxbuffer; the client's JuteMaxBuffer). Nothing was sent."));
            return;
        }

        _credentialsInBatch |= request.IsAuth;
        request.SentAt = MonotonicClock.NowMilliseconds;
        // Registered before the bytes leave, so the reply always finds it.
        (request.IsAuth ? _pendingAuth : request is SaslRequest ? _pendingSasl : _pending).Enqueue(request);
    }

    private void WritePing(JuteWriter writer)
    {
        Interlocked.Increment(ref _pingsOutstanding);
        writer.BeginFrame();
        writer.WriteInt(Xids.Ping);
        writer.WriteInt((int)OpCode.Ping);
        writer.EndFrame();
    }

    private async Task ReceiveLoopAsync(IConnectionOwner owner, CancellationToken cancellationToken)
    {
        var framesSeen = _frames.CompleteFrames;
        while (true)
        {
            while (_frames.TryTakeFrame(out var offset, out var length)) Dispatch(owner, offset, length);
            if (_frames.CompleteFrames != framesSeen)
            {
                // Only whole frames prove the server alive: pings read as the rest of a frame that never ends do not.
                framesSeen = _frames.CompleteFrames;
                Volatile.Write(ref _lastReceived, MonotonicClock.NowMilliseconds);
            }

            _frames.ShrinkIfIdle();
            await _frames.FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Dispatch(IConnectionOwner owner, int offset, int length)
    {
        var reader = _reader;
        reader.Reset(_frames.Buffer, offset, length);
        var xid = reader.ReadInt();
        var zxid = reader.ReadLong();
        var error = (ErrorCode)reader.ReadInt();
        switch (xid)
        {
            case Xids.Notification:
                var type = (EventType)reader.ReadInt();
                var state = (KeeperState)reader.ReadInt();
                var path = reader.ReadString() ?? throw new ProtocolException("A notification without a path.");
                reader.EnsureConsumed("notification");
                owner.OnNotification(type, state, path);
                return;
            case Xids.Ping:
                if (Interlocked.Decrement(ref _pingsOutstanding) < 0) throw new ProtocolException("A ping reply arrived, but no ping was sent.");
                reader.EnsureConsumed("ping reply");
                return;
            case Xids.Auth:
                if (!_pendingAuth.TryDequeue(out var auth)) throw new ProtocolException("An auth reply arrived, but no auth packet was sent.");
                Complete(owner, auth, error, reader);
                if (error == ErrorCode.AuthFailed) owner.OnSessionEnded(new ZooKeeperException(error));
                return;
        }

        if (_pendingSasl.TryPeek(out var saslStep) && saslStep.Xid == xid)
        {
            // Answered by the server at once, possibly ahead of earlier requests: matched by its xid, not the FIFO.
            _pendingSasl.TryDequeue(out _);
            Complete(owner, saslStep, error, reader);
            return;
        }

        if (!_pending.TryDequeue(out var request))
            throw new ProtocolException($"A reply with xid {xid} arrived, but no request is waiting.");
        if (request.Xid != xid)
        {
            _failAtEnd.Enqueue((request, owner.RequestLost(request.Path, $"xid out of order (expected {request.Xid}, got {xid})")));
            throw new ProtocolException($"xid out of order: expected {request.Xid}, got {xid}.");
        }

        if (zxid > 0) owner.OnReplyZxid(zxid);
        Complete(owner, request, error, reader);
        if (error == ErrorCode.SessionExpired) owner.OnSessionEnded(new ZooKeeperException(error));
    }

    /// <summary>A reply that cannot be right fails its request as lost with the connection, once that has dropped.</summary>
    private void Complete(IConnectionOwner owner, Request request, ErrorCode error, JuteReader reader)
    {
        try
        {
            request.Complete(error, reader);
        }
        catch (ProtocolException e)
        {
            _failAtEnd.Enqueue((request, owner.RequestLost(request.Path, "protocol error: " + e.Message)));
            throw;
        }
    }

    /// <summary>
    /// A multiRead adds up many nodes, so its reply may be longer than jute.maxbuffer (the server does not limit
    /// replies). When the oversized frame answers the multiRead at the head of the FIFO, and is no longer than its
    /// nodes could make it, that call fails with <see cref="ReplyTooLargeException"/> and the frame is skipped: the
    /// connection stays. Any other oversized frame cannot be right.
    /// </summary>
    private bool DiscardOversizedMultiRead(int xid, int length)
    {
        if (!_pending.TryPeek(out var head) || head.Xid != xid || head is not MultiRequest { OpCode: OpCode.MultiRead } multiRead
            || length > (long)multiRead.OpCount * (_juteMaxBuffer + 1024))
            return false;
        _pending.TryDequeue(out _);
        head.Fail(new ReplyTooLargeException(length, _juteMaxBuffer));
        return true;
    }

    private async Task HeartbeatAsync(RequestQueue outgoing, TimeSpan readTimeout, TimeSpan? requestTimeout, CancellationToken cancellationToken)
    {
        var readTimeoutMs = Math.Max(1, (long)readTimeout.TotalMilliseconds);
        var requestTimeoutMs = requestTimeout is { } limit ? Math.Max(1, (long)limit.TotalMilliseconds) : long.MaxValue;
        var pingIntervalMs = readTimeoutMs / 2;
        var tick = TimeSpan.FromMilliseconds(Math.Max(10, Math.Min(Math.Min(readTimeoutMs / 10, requestTimeoutMs / 4), 1000)));
        while (true)
        {
            await Task.Delay(tick, cancellationToken).ConfigureAwait(false);
            var now = MonotonicClock.NowMilliseconds;
            var silence = now - Volatile.Read(ref _lastReceived);
            if (silence > readTimeoutMs)
                throw new TimeoutException($"no whole frame received from {Server} for {silence} ms (read timeout {readTimeoutMs} ms)");
            if (_pending.TryPeek(out var oldest) && now - oldest.SentAt > requestTimeoutMs)
            {
                // As the Java client's zookeeper.request.timeout: this request fails as timed out, the others as lost.
                _failAtEnd.Enqueue((oldest, new ZooKeeperException(ErrorCode.RequestTimeout, oldest.Path,
                    $"no reply within {requestTimeoutMs} ms (RequestTimeout); the connection to {Server} was dropped.")));
                throw new TimeoutException($"a request waited more than {requestTimeoutMs} ms for its reply from {Server} (request timeout)");
            }

            if (now - Volatile.Read(ref _lastSent) >= pingIntervalMs)
            {
                Volatile.Write(ref _lastSent, now); // one ping per interval, even before the send loop gets to it
                Interlocked.Exchange(ref _pingRequested, 1);
                outgoing.Wake();
            }
        }
    }

    /// <summary>Drops the connection at once: the loops fail and <see cref="RunAsync"/> returns.</summary>
    public void Dispose() => _stream.Dispose();
}
