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
/// auth by xid, everything else against the head of the pending FIFO), and a heartbeat that pings when idle and
/// declares the connection dead when nothing arrives within the read timeout.
/// </summary>
internal sealed class ServerConnection : IDisposable
{
    private const int SendBatchBytes = 256 * 1024;

    private readonly Stream _stream;
    private readonly FrameReader _frames;
    private readonly JuteReader _reader = new();
    private readonly ConcurrentQueue<Request> _pending = new();
    private readonly ConcurrentQueue<Request> _pendingAuth = new();
    private long _lastReceived;
    private long _lastSent;
    private int _pingRequested;

    /// <summary>Takes over from the handshake, whose frame reader may already hold bytes that followed its last reply.</summary>
    public ServerConnection(HostEndpoint server, Stream stream, FrameReader frames, ConnectResponse session)
    {
        Server = server;
        Session = session;
        _stream = stream;
        _frames = frames;
        _lastReceived = _lastSent = MonotonicClock.NowMilliseconds;
    }

    public HostEndpoint Server { get; }

    public ConnectResponse Session { get; }

    /// <summary>
    /// Runs the connection until it fails or <paramref name="cancellationToken"/> stops it, then fails every request
    /// still waiting for a reply. <paramref name="first"/> (SetWatches) is sent before anything queued. Returns why it ended.
    /// </summary>
    public async Task<Exception> RunAsync(RequestQueue outgoing, IReadOnlyList<Request> first, XidSource xids, IConnectionOwner owner,
        TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new[]
        {
            SendLoopAsync(outgoing, first, xids, stop.Token),
            ReceiveLoopAsync(owner, stop.Token),
            HeartbeatAsync(outgoing, readTimeout, stop.Token),
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
        while (_pending.TryDequeue(out var request)) request.Fail(owner.RequestLost(request.Path, reasonText));
        while (_pendingAuth.TryDequeue(out var request)) request.Fail(owner.RequestLost(request.Path, reasonText));
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
            writer.Reset();
        }
    }

    private void WriteRequest(JuteWriter writer, Request request, XidSource xids)
    {
        request.Xid = request.IsAuth ? Xids.Auth : xids.Next();
        writer.BeginFrame();
        writer.WriteInt(request.Xid);
        writer.WriteInt((int)request.OpCode);
        request.WriteBody(writer);
        writer.EndFrame();
        // Registered before the bytes leave, so the reply always finds it.
        (request.IsAuth ? _pendingAuth : _pending).Enqueue(request);
    }

    private static void WritePing(JuteWriter writer)
    {
        writer.BeginFrame();
        writer.WriteInt(Xids.Ping);
        writer.WriteInt((int)OpCode.Ping);
        writer.EndFrame();
    }

    private async Task ReceiveLoopAsync(IConnectionOwner owner, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (_frames.TryTakeFrame(out var offset, out var length)) Dispatch(owner, offset, length);
            _frames.ShrinkIfIdle();
            await _frames.FillAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastReceived, MonotonicClock.NowMilliseconds);
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
                owner.OnNotification(type, state, path);
                return;
            case Xids.Ping:
                return;
            case Xids.Auth:
                if (!_pendingAuth.TryDequeue(out var auth)) throw new ProtocolException("An auth reply arrived, but no auth packet was sent.");
                auth.Complete(error, reader);
                if (error == ErrorCode.AuthFailed) owner.OnSessionEnded(new ZooKeeperException(error));
                return;
        }

        if (!_pending.TryDequeue(out var request))
            throw new ProtocolException($"A reply with xid {xid} arrived, but no request is waiting.");
        if (request.Xid != xid)
        {
            request.Fail(owner.RequestLost(request.Path, $"xid out of order (expected {request.Xid}, got {xid})"));
            throw new ProtocolException($"xid out of order: expected {request.Xid}, got {xid}.");
        }

        if (zxid > 0) owner.OnReplyZxid(zxid);
        request.Complete(error, reader);
        if (error == ErrorCode.SessionExpired) owner.OnSessionEnded(new ZooKeeperException(error));
    }

    private async Task HeartbeatAsync(RequestQueue outgoing, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        var readTimeoutMs = Math.Max(1, (long)readTimeout.TotalMilliseconds);
        var pingIntervalMs = readTimeoutMs / 2;
        var tick = TimeSpan.FromMilliseconds(Math.Max(10, Math.Min(readTimeoutMs / 10, 1000)));
        while (true)
        {
            await Task.Delay(tick, cancellationToken).ConfigureAwait(false);
            var now = MonotonicClock.NowMilliseconds;
            var silence = now - Volatile.Read(ref _lastReceived);
            if (silence > readTimeoutMs)
                throw new TimeoutException($"nothing received from {Server} for {silence} ms (read timeout {readTimeoutMs} ms)");
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
