#nullable enable
// Also compiled by Add-Type in the Pester tests, where the project's Nullable setting does not apply.
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>Which side ended a proxied connection first.</summary>
public enum ConnectionEnd
{
    Client = 1,
    Server = 2,
    Proxy = 3,
}

/// <summary>
/// One client connection through <see cref="MutatingProxy"/>: two pumps that read whole frames. Requests are
/// remembered by xid so each reply knows the opcode it answers. The pumps never throw; the first side to end ends both.
/// </summary>
public sealed class ProxiedConnection
{
    /// <summary>A ConnectRequest is about 50 bytes; a first "length" beyond this is a four-letter word such as "srvr".</summary>
    private const int MaxFirstFrame = 4096;
    private const int MaxFrame = 64 * 1024 * 1024;

    private readonly MutatingProxy _proxy;
    private readonly TcpClient _client;
    private readonly TcpClient _server = new();
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<int, int> _opCodeByXid = new();
    private readonly TaskCompletionSource<bool> _framed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ConnectionEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _endedBy;
    private int _replies;

    internal ProxiedConnection(MutatingProxy proxy, int id, TcpClient client, int targetPort)
    {
        _proxy = proxy;
        Id = id;
        _client = client;
        _targetPort = targetPort;
    }

    public int Id { get; }

    /// <summary>Completes with the side that ended the connection first.</summary>
    public Task<ConnectionEnd> Ended => _ended.Task;

    /// <summary>Stopwatch timestamp of the end (valid once <see cref="Ended"/> has completed).</summary>
    public long EndedAt { get; private set; }

    public int RepliesSeen => Volatile.Read(ref _replies);

    public void Cut() => End(ConnectionEnd.Proxy);

    internal async Task RunAsync()
    {
        try
        {
            await _server.ConnectAsync(IPAddress.Loopback, _targetPort).ConfigureAwait(false);
            var up = ClientToServerAsync(_client.GetStream(), _server.GetStream());
            var down = ServerToClientAsync(_server.GetStream(), _client.GetStream());
            End(await await Task.WhenAny(up, down).ConfigureAwait(false));
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception)
        {
            End(ConnectionEnd.Server); // the server could not be reached
        }
        finally
        {
            _proxy.Forget(this);
        }
    }

    private void End(ConnectionEnd by)
    {
        if (Interlocked.CompareExchange(ref _endedBy, (int)by, 0) != 0) return;
        EndedAt = Stopwatch.GetTimestamp();
        _client.Dispose();
        _server.Dispose();
        _framed.TrySetResult(false);
        _ended.TrySetResult(by);
    }

    /// <summary>Returns the side that ended the pump: a failed or ended read blames its source, a failed write its target.</summary>
    private async Task<ConnectionEnd> ClientToServerAsync(Stream fromClient, Stream toServer)
    {
        var writing = false;
        try
        {
            var prefix = new byte[4];
            await fromClient.ReadExactlyAsync(prefix).ConfigureAwait(false);
            var firstLength = Frames.ReadInt(prefix, 0);
            if (firstLength <= 0 || firstLength > MaxFirstFrame)
            {
                _framed.TrySetResult(false);
                await toServer.WriteAsync(prefix).ConfigureAwait(false);
                await fromClient.CopyToAsync(toServer).ConfigureAwait(false);
                return ConnectionEnd.Client;
            }

            _framed.TrySetResult(true);
            var connectRequest = await ReadRestAsync(fromClient, prefix, firstLength).ConfigureAwait(false);
            writing = true;
            await toServer.WriteAsync(connectRequest).ConfigureAwait(false);
            writing = false;
            while (await ReadFrameAsync(fromClient).ConfigureAwait(false) is { } frame)
            {
                if (frame.Length >= 12)
                {
                    var xid = Frames.ReadInt(frame, 4);
                    var opCode = Frames.ReadInt(frame, 8);
                    _opCodeByXid[xid] = opCode; // before the server can answer, so the reply always finds it
                    if (_proxy.ShouldDrop(opCode, xid)) continue;
                }

                writing = true;
                await toServer.WriteAsync(frame).ConfigureAwait(false);
                writing = false;
            }

            return ConnectionEnd.Client;
        }
        catch (Exception)
        {
            return writing ? ConnectionEnd.Server : ConnectionEnd.Client;
        }
    }

    private async Task<ConnectionEnd> ServerToClientAsync(Stream fromServer, Stream toClient)
    {
        var writing = false;
        try
        {
            if (!await _framed.Task.ConfigureAwait(false))
            {
                await fromServer.CopyToAsync(toClient).ConfigureAwait(false);
                return ConnectionEnd.Server;
            }

            var connectResponse = await ReadFrameAsync(fromServer).ConfigureAwait(false);
            if (connectResponse is null) return ConnectionEnd.Server;
            writing = true;
            await toClient.WriteAsync(connectResponse).ConfigureAwait(false);
            writing = false;
            while (await ReadFrameAsync(fromServer).ConfigureAwait(false) is { } frame)
            {
                var reply = new ProxiedReply(this, Interlocked.Increment(ref _replies), frame, OpCodeAnswered(frame));
                var rewrite = _proxy.Rewrite(reply, out var sent);
                writing = true;
                await toClient.WriteAsync(rewrite?.Bytes ?? frame).ConfigureAwait(false);
                writing = false;
                sent?.Invoke();
                if (rewrite is { CutAfter: true }) return ConnectionEnd.Proxy;
            }

            return ConnectionEnd.Server;
        }
        catch (Exception)
        {
            return writing ? ConnectionEnd.Client : ConnectionEnd.Server;
        }
    }

    private int OpCodeAnswered(byte[] frame)
    {
        if (frame.Length < 8) return -1;
        var xid = Frames.ReadInt(frame, 4);
        // Normal xids are answered once; ping (-2) and auth (-4) xids are reused, so they stay known.
        var found = xid >= 0 ? _opCodeByXid.TryRemove(xid, out var opCode) : _opCodeByXid.TryGetValue(xid, out opCode);
        return found ? opCode : -1;
    }

    /// <summary>The next whole frame (prefix included), or null at the end of the stream.</summary>
    private static async Task<byte[]?> ReadFrameAsync(Stream stream)
    {
        var prefix = new byte[4];
        try
        {
            await stream.ReadExactlyAsync(prefix).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        var length = Frames.ReadInt(prefix, 0);
        if (length < 0 || length > MaxFrame) throw new InvalidDataException($"A frame of {length} bytes.");
        return await ReadRestAsync(stream, prefix, length).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadRestAsync(Stream stream, byte[] prefix, int length)
    {
        var frame = new byte[4 + length];
        prefix.CopyTo(frame, 0);
        await stream.ReadExactlyAsync(frame.AsMemory(4, length)).ConfigureAwait(false);
        return frame;
    }
}
