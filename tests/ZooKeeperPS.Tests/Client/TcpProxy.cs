using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Tests.Client;

/// <summary>
/// A loopback TCP proxy in front of a real server that tests use to misbehave on purpose: refuse connections,
/// drop them, replace the server's next bytes with bad frames, answer "srvr" with another version, refuse four-letter
/// words as a server whose whitelist lacks them, or take them and never answer (a frozen peer).
/// </summary>
internal sealed class TcpProxy : IDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private byte[]? _injection;
    private bool _closeAfterInjection;
    private volatile bool _silent;
    private volatile bool _frozen;
    private int _heldFourLetterWords;
    private int _sessionConnectionsToHold;

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string ConnectionString => "127.0.0.1:" + Port;

    /// <summary>When false, new connections are closed at once (the server looks down).</summary>
    public volatile bool Accepting = true;

    /// <summary>When set, "srvr" is answered with this version instead of the server's.</summary>
    public volatile string? FakeVersion;

    /// <summary>When set, every four-letter word gets the answer of a server whose 4lw.commands.whitelist lacks it.</summary>
    public volatile bool RefuseFourLetterWords;

    /// <summary>When set, four-letter words are taken and never answered; the connection stays open until the client closes it.</summary>
    public volatile bool HoldFourLetterWords;

    /// <summary>Four-letter-word connections held open right now (see <see cref="HoldFourLetterWords"/>).</summary>
    public int HeldFourLetterWords => Volatile.Read(ref _heldFourLetterWords);

    /// <summary>
    /// The next <paramref name="count"/> session connections (not four-letter words) are taken, their ConnectRequest
    /// read, and never answered nor closed: what ZooKeeper 3.8.0 does to connections made while it starts.
    /// </summary>
    public void HoldNextSessionConnections(int count) => Interlocked.Exchange(ref _sessionConnectionsToHold, count);

    /// <summary>Session connections taken by <see cref="HoldNextSessionConnections"/> so far.</summary>
    public int HeldSessionConnections;

    /// <summary>When set, the server's ConnectResponse is changed to say "read-only" (its last byte).</summary>
    public volatile bool ReportReadOnly;

    /// <summary>Connections made through the proxy, "srvr" probes included.</summary>
    public int ConnectionCount;

    /// <summary>Every byte the clients sent, for checks that something was never sent.</summary>
    public readonly List<byte[]> ClientChunks = new();

    /// <summary>The next chunk the server sends is replaced by <paramref name="bytes"/>; optionally the connection is then cut.</summary>
    public void InjectIntoNextReply(byte[] bytes, bool closeAfter = false)
    {
        lock (_open)
        {
            _closeAfterInjection = closeAfter;
            _injection = bytes;
        }
    }

    /// <summary>From now on the server's bytes are swallowed: the client hears nothing (a hung server).</summary>
    public void Silence() => _silent = true;

    /// <summary>The server's bytes pass again (on connections made from now on: the silenced ones have lost replies).</summary>
    public void Unsilence() => _silent = false;

    /// <summary>
    /// From now on nothing passes either way and the clients' connections stay open even when the server ends its
    /// side: a peer that hangs (the server never even hears what the client sends).
    /// </summary>
    public void Freeze()
    {
        _frozen = true;
        _silent = true;
    }

    public void DropAll()
    {
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception)
            {
                return;
            }

            Interlocked.Increment(ref ConnectionCount);
            if (!Accepting)
            {
                client.Dispose();
                continue;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var server = new TcpClient();
        lock (_open)
        {
            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            var clientStream = client.GetStream();
            var first = new byte[65536];
            var read = await clientStream.ReadAsync(first, 0, first.Length);
            if (read <= 0) return;
            Record(first, read);
            var word = read == 4 && first.Take(4).All(b => b >= 'a' && b <= 'z') ? Encoding.ASCII.GetString(first, 0, 4) : null;
            if (word != null && HoldFourLetterWords)
            {
                await HoldUntilClosedAsync(clientStream);
                return;
            }

            if (word == null && Interlocked.Decrement(ref _sessionConnectionsToHold) >= 0)
            {
                Interlocked.Increment(ref HeldSessionConnections);
                await DrainUntilClosedAsync(clientStream);
                return;
            }

            var answer = word == null ? null
                : RefuseFourLetterWords ? $"{word} is not executed because it is not in the whitelist.\n"
                : FakeVersion != null && word == "srvr" ? $"Zookeeper version: {FakeVersion}-0000, built on 01/01/2020 00:00 GMT\nMode: standalone\n"
                : null;
            if (answer != null)
            {
                var bytes = Encoding.ASCII.GetBytes(answer);
                await clientStream.WriteAsync(bytes, 0, bytes.Length);
                return;
            }

            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            var serverStream = server.GetStream();
            await serverStream.WriteAsync(first, 0, read);
            var up = PumpAsync(clientStream, serverStream, toClient: false);
            var down = PumpAsync(serverStream, clientStream, toClient: true);
            await Task.WhenAny(up, down);
            if (_frozen) await up; // up swallows the client's bytes until the client gives up and closes
        }
        catch (Exception)
        {
            // A dropped side ends the pair.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
        }
    }

    private async Task HoldUntilClosedAsync(NetworkStream clientStream)
    {
        Interlocked.Increment(ref _heldFourLetterWords);
        try
        {
            await DrainUntilClosedAsync(clientStream);
        }
        finally
        {
            Interlocked.Decrement(ref _heldFourLetterWords);
        }
    }

    private static async Task DrainUntilClosedAsync(NetworkStream clientStream)
    {
        var buffer = new byte[256];
        while (await clientStream.ReadAsync(buffer, 0, buffer.Length) > 0)
        {
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool toClient)
    {
        const int connectResponseFrame = 4 + 37;
        var buffer = new byte[65536];
        var first = true;
        while (true)
        {
            var read = await from.ReadAsync(buffer, 0, buffer.Length);
            if (read <= 0) return;
            if (toClient && first && ReportReadOnly && read >= connectResponseFrame) buffer[connectResponseFrame - 1] = 1;
            first = false;
            if (!toClient)
            {
                Record(buffer, read);
                if (_frozen) continue;
                await to.WriteAsync(buffer, 0, read);
                continue;
            }

            if (_silent) continue;
            byte[]? replacement;
            bool close;
            lock (_open)
            {
                replacement = _injection;
                close = _closeAfterInjection;
                _injection = null;
            }

            if (replacement == null)
            {
                await to.WriteAsync(buffer, 0, read);
                continue;
            }

            await to.WriteAsync(replacement, 0, replacement.Length);
            if (close) return;
        }
    }

    private void Record(byte[] buffer, int count)
    {
        var copy = new byte[count];
        Buffer.BlockCopy(buffer, 0, copy, 0, count);
        lock (ClientChunks) ClientChunks.Add(copy);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        DropAll();
    }
}
