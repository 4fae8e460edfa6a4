using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Auth;
using ZooKeeperPS.Client.Protocol;

namespace ZooKeeperPS.Client.Connection;

/// <summary>
/// Turns a fresh stream into a session's connection: ConnectRequest, ConnectResponse, then each authenticator in
/// turn, one frame out and one frame in at a time, all within one timeout. Only then do the loops of
/// <see cref="ServerConnection"/> start, so no request is sent before authentication is over.
/// </summary>
internal sealed class Handshake
{
    private const int ReplyHeaderLength = 16;

    private readonly Stream _stream;
    private readonly FrameReader _frames;
    private readonly JuteWriter _writer = new(256);
    private readonly JuteReader _reader = new();

    /// <summary>What the handshake waits for, named in the timeout's message so a stalled attempt says where it stalled.</summary>
    private string _waitingFor = "the ConnectResponse";

    private Handshake(Stream stream, int juteMaxBuffer)
    {
        _stream = stream;
        _frames = new FrameReader(stream, juteMaxBuffer);
    }

    /// <summary>
    /// Connects through the transport and establishes the session within <paramref name="timeout"/>. Throws
    /// ZooKeeperException(SessionExpired) for an expired session and ZooKeeperException(AuthFailed) for rejected
    /// credentials; anything else is a failed attempt (TimeoutException when the time ran out).
    /// </summary>
    public static async Task<ServerConnection> OpenAsync(HostEndpoint server, IConnectionTransport transport, int juteMaxBuffer,
        ConnectRequest request, IReadOnlyList<IAuthenticator> authenticators, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Stream? stream = null;
        Handshake? handshake = null;
        var opened = false;
        try
        {
            stream = await transport.ConnectAsync(server, deadline.Token).ConfigureAwait(false);
            handshake = new Handshake(stream, juteMaxBuffer);
            ConnectResponse session;
            // Some streams ignore the token on reads (.NET Framework's NetworkStream): closing the stream ends them.
            using (deadline.Token.Register(stream.Dispose))
            {
                session = await handshake.ConnectAsync(request, deadline.Token).ConfigureAwait(false);
                foreach (var authenticator in authenticators)
                    await authenticator.AuthenticateAsync(handshake, deadline.Token).ConfigureAwait(false);
            }

            deadline.Token.ThrowIfCancellationRequested();
            opened = true;
            return new ServerConnection(server, stream, handshake._frames, session, juteMaxBuffer);
        }
        catch (Exception e) when (e is not ZooKeeperException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var stalled = handshake is null ? "the connection (TCP, and TLS when used) did not open" : "waiting for " + handshake._waitingFor;
            throw new TimeoutException($"no session established with {server} within {timeout.TotalMilliseconds:0} ms ({stalled})");
        }
        finally
        {
            if (!opened) stream?.Dispose();
        }
    }

    /// <summary>
    /// Sends one request (header and body) and reads its reply, for authenticators. Returns the reply's error code and
    /// its body, which stays readable until the next call.
    /// </summary>
    public async Task<(ErrorCode Error, JuteReader Body)> RequestAsync(int xid, OpCode opCode, Action<JuteWriter> writeBody,
        CancellationToken cancellationToken)
    {
        _writer.Reset();
        _writer.BeginFrame();
        _writer.WriteInt(xid);
        _writer.WriteInt((int)opCode);
        writeBody(_writer);
        _writer.EndFrame();
        _waitingFor = $"the reply to the {opCode} request (xid {xid})";
        var reply = await ExchangeAsync(cancellationToken).ConfigureAwait(false);
        var replyXid = reply.ReadInt();
        reply.ReadLong(); // zxid
        var error = (ErrorCode)reply.ReadInt();
        if (replyXid != xid) throw new ProtocolException($"Expected the reply to xid {xid} during the handshake, got xid {replyXid}.");
        return (error, reply);
    }

    private async Task<ConnectResponse> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        _writer.Reset();
        _writer.BeginFrame();
        request.Write(_writer);
        _writer.EndFrame();
        var reply = await ExchangeAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Remaining == ReplyHeaderLength)
        {
            // Not a ConnectResponse (at least 36 bytes) but a bare reply header: the server refused to create the
            // session, e.g. NotReadOnly from a read-only server that has no local sessions.
            reply.ReadInt();
            reply.ReadLong();
            var refusal = (ErrorCode)reply.ReadInt();
            throw new IOException($"the server refused the session ({refusal})");
        }

        var session = ConnectResponse.Read(reply);
        if (session.IsExpired)
            throw new ZooKeeperException(ErrorCode.SessionExpired, null, "the server reports the session as expired.");
        return session;
    }

    /// <summary>Writes the frame in the writer and reads the one frame that answers it.</summary>
    private async Task<JuteReader> ExchangeAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_writer.Buffer, 0, _writer.Length, cancellationToken).ConfigureAwait(false);
        // The frames carry the session password and credentials: not left in the buffer once they are sent.
        Array.Clear(_writer.Buffer, 0, _writer.Length);
        int offset, length;
        while (!_frames.TryTakeFrame(out offset, out length))
            await _frames.FillAsync(cancellationToken).ConfigureAwait(false);
        _reader.Reset(_frames.Buffer, offset, length);
        return _reader;
    }
}
