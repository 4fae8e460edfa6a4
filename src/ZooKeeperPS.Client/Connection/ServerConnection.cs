using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol;
using ZooKeeperPS.Client.Protocol.Requests;

namespace ZooKeeperPS.Client.Connection;

/// <summary>
/// One TCP connection to one server, from handshake to loss: a send loop that batches queued requests into few
/// socket writes, a receive loop that routes replies (notifications, pings and auth by xid, everything else against
/// the head of the pending FIFO), and a heartbeat that pings when idle and declares the connection dead when nothing
/// arrives within the read timeout.
/// </summary>
internal sealed class ServerConnection : IDisposable
{
    private const int SendBatchBytes = 256 * 1024;
    private const int ReplyHeaderLength = 16;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameReader _frames;
    private readonly JuteReader _reader = new();
    private readonly ConcurrentQueue<Request> _pending = new();
    private readonly ConcurrentQueue<Request> _pendingAuth = new();
    private long _lastReceived;
    private long _lastSent;
    private int _pingRequested;

    private ServerConnection(Socket socket, HostEndpoint server, int maxFrameLength)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _frames = new FrameReader(_stream, maxFrameLength);
        Server = server;
        _lastReceived = _lastSent = MonotonicClock.NowMilliseconds;
    }

    public HostEndpoint Server { get; }

    public ConnectResponse Session { get; private set; } = null!;

    /// <summary>
    /// Connects, sends the ConnectRequest and reads the reply, then sends each credential and waits for its answer
    /// (so bad credentials are reported to the caller). Throws ZooKeeperException(SessionExpired) for an expired
    /// session and ZooKeeperException(AuthFailed) for rejected credentials; anything else is a failed attempt.
    /// </summary>
    public static async Task<ServerConnection> OpenAsync(HostEndpoint server, ConnectRequest request, IReadOnlyList<AuthInfo> auth,
        int maxFrameLength, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var addresses = await server.ResolveAsync().ConfigureAwait(false);
        Exception? lastError = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            ServerConnection? connection = null;
            try
            {
                using (deadline.Token.Register(() => socket.Dispose()))
                {
                    await socket.ConnectAsync(address, server.Port).ConfigureAwait(false);
                    connection = new ServerConnection(socket, server, maxFrameLength);
                    await connection.HandshakeAsync(request, auth, deadline.Token).ConfigureAwait(false);
                }

                deadline.Token.ThrowIfCancellationRequested();
                return connection;
            }
            catch (ZooKeeperException)
            {
                socket.Dispose();
                throw;
            }
            catch (Exception e)
            {
                socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                lastError = deadline.IsCancellationRequested
                    ? new TimeoutException($"no session established with {server} within {timeout.TotalMilliseconds:0} ms")
                    : e;
                if (deadline.IsCancellationRequested) break;
            }
        }

        throw lastError ?? new IOException($"{server.Host} has no address");
    }

    private async Task HandshakeAsync(ConnectRequest request, IReadOnlyList<AuthInfo> auth, CancellationToken cancellationToken)
    {
        var writer = new JuteWriter(256);
        writer.BeginFrame();
        request.Write(writer);
        writer.EndFrame();
        await _stream.WriteAsync(writer.Buffer, 0, writer.Length, cancellationToken).ConfigureAwait(false);

        var (offset, length) = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        _reader.Reset(_frames.Buffer, offset, length);
        if (length == ReplyHeaderLength)
        {
            // Not a ConnectResponse (at least 36 bytes) but a bare reply header: the server refused to create the
            // session, e.g. NotReadOnly from a read-only server that has no local sessions.
            _reader.ReadInt();
            _reader.ReadLong();
            var refusal = (ErrorCode)_reader.ReadInt();
            throw new IOException($"the server refused the session ({refusal})");
        }

        Session = ConnectResponse.Read(_reader);
        if (Session.IsExpired)
            throw new ZooKeeperException(ErrorCode.SessionExpired, null, "the server reports the session as expired.");

        foreach (var credential in auth)
        {
            writer.Reset();
            writer.BeginFrame();
            writer.WriteInt(Xids.Auth);
            writer.WriteInt((int)OpCode.Auth);
            new AuthRequest(credential).WriteBody(writer);
            writer.EndFrame();
            await _stream.WriteAsync(writer.Buffer, 0, writer.Length, cancellationToken).ConfigureAwait(false);

            (offset, length) = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
            _reader.Reset(_frames.Buffer, offset, length);
            var xid = _reader.ReadInt();
            _reader.ReadLong();
            var error = (ErrorCode)_reader.ReadInt();
            if (xid != Xids.Auth) throw new ProtocolException($"Expected the reply to an auth packet, got xid {xid}.");
            if (error == ErrorCode.AuthFailed)
                throw new ZooKeeperException(ErrorCode.AuthFailed, null, $"the server rejected the '{credential.Scheme}' credentials.");
            if (error != ErrorCode.Ok) throw new ZooKeeperException(error, null, $"the server refused the '{credential.Scheme}' credentials.");
        }

        _lastReceived = MonotonicClock.NowMilliseconds;
    }

    private async Task<(int Offset, int Length)> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_frames.TryTakeFrame(out var offset, out var length)) return (offset, length);
            await _frames.FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the connection until it fails or <paramref name="cancellationToken"/> stops it, then fails every request
    /// still waiting for a reply. <paramref name="first"/> (SetWatches) is sent before anything queued. Returns why it ended.
    /// </summary>
    public async Task<Exception> RunAsync(ConcurrentQueue<Request> outgoing, SendSignal signal, IReadOnlyList<Request> first,
        XidSource xids, IConnectionOwner owner, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new[]
        {
            SendLoopAsync(outgoing, signal, first, xids, stop.Token),
            ReceiveLoopAsync(owner, stop.Token),
            HeartbeatAsync(signal, readTimeout, stop.Token),
        };
        var ended = await Task.WhenAny(loops).ConfigureAwait(false);
        stop.Cancel();
        _socket.Dispose();
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

    private async Task SendLoopAsync(ConcurrentQueue<Request> outgoing, SendSignal signal, IReadOnlyList<Request> first,
        XidSource xids, CancellationToken cancellationToken)
    {
        var writer = new JuteWriter();
        foreach (var request in first) WriteRequest(writer, request, xids);
        while (true)
        {
            if (writer.Length == 0)
            {
                if (outgoing.IsEmpty && Volatile.Read(ref _pingRequested) == 0)
                    await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
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
                if (error == ErrorCode.AuthFailed) owner.OnFatalReply(error);
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
        if (error == ErrorCode.SessionExpired) owner.OnFatalReply(error);
    }

    private async Task HeartbeatAsync(SendSignal signal, TimeSpan readTimeout, CancellationToken cancellationToken)
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
                signal.Set();
            }
        }
    }

    /// <summary>Drops the connection at once (tests use it to simulate a network failure).</summary>
    public void Abort() => _socket.Dispose();

    public void Dispose() => _socket.Dispose();
}
