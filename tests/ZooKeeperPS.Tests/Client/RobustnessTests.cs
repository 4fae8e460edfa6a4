using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>
/// Bad bytes from the server side (injected by a proxy in front of the real server) are connection errors: the
/// waiting call fails with ConnectionLoss, the client reconnects to the same session and keeps working.
/// </summary>
[Collection("ZooKeeper")]
public sealed class RobustnessTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public RobustnessTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    public static TheoryData<string, byte[], bool> BadFrames => new()
    {
        { "truncated frame", new byte[] { 0, 0, 0, 100, 1, 2, 3, 4 }, true },
        { "oversized frame", new byte[] { 0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4 }, false },
        { "negative length", new byte[] { 0xFF, 0xFF, 0xFF, 0xFB, 1, 2, 3, 4 }, false },
        { "garbage shorter than a reply header", new byte[] { 0, 0, 0, 3, 9, 9, 9 }, false },
        { "reply with an unknown xid", new byte[] { 0, 0, 0, 16, 0x7F, 0xFF, 0xFF, 0xF0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, false },
        { "reply body with a bad length", Concat(ReplyHeaderForNextXid(), new byte[] { 0x7F, 0, 0, 0 }), false },
    };

    /// <summary>A 20-byte frame claiming xid 0 (never used by the client) whose body would be a huge buffer.</summary>
    private static byte[] ReplyHeaderForNextXid() => new byte[] { 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 };

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var all = new byte[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        return all;
    }

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task BadServerBytes_AreAConnectionError_AndTheClientRecovers(string kind, byte[] bytes, bool closeAfter)
    {
        _output.WriteLine(kind);
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        var sessionId = client.SessionId;
        var disconnected = client.WhenState(ConnectionState.Disconnected);
        var reconnected = client.WhenState(ConnectionState.Connected);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        proxy.InjectIntoNextReply(bytes, closeAfter);
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync("/").WithDeadline());
        Assert.Equal(ErrorCode.ConnectionLoss, error.Code);
        // A length field is never trusted for an allocation (the oversized case claims 2 GiB).
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore < 64 * 1024 * 1024, "the bad frame caused a large allocation");
        await disconnected.WithDeadline();
        await reconnected.WithDeadline();

        Assert.Equal(sessionId, client.SessionId);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
    }

    [Fact]
    public async Task GarbageHandshake_FailsConnectWithConnectionLoss()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var fake = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var peer = await listener.AcceptTcpClientAsync(stop.Token);
                var stream = peer.GetStream();
                _ = await stream.ReadAsync(new byte[256], 0, 256, stop.Token); // the ConnectRequest, whatever it holds
                await stream.WriteAsync(new byte[] { 0, 0, 0, 5, 1, 2, 3, 4, 5 }, 0, 9, stop.Token);
            }
        });
        try
        {
            var options = new ZooKeeperClientOptions { ConnectionString = "127.0.0.1:" + port, ConnectTimeout = TimeSpan.FromSeconds(1.5) };
            var error = await Assert.ThrowsAsync<ZooKeeperException>(() => ZooKeeperClient.ConnectAsync(options).WithDeadline());
            Assert.Equal(ErrorCode.ConnectionLoss, error.Code);
            Assert.Contains("protocol error", error.Message);
        }
        finally
        {
            stop.Cancel();
            listener.Stop();
        }
    }

    [Fact]
    public async Task SmallFrameLimit_RejectsLargerReplies_ButTheSessionSurvives()
    {
        var path = _fixture.UniqueRoot();
        using var writer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await writer.CreateAsync(path, new byte[8000]).WithDeadline();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.JuteMaxBuffer = 4096);
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync(path).WithDeadline());
        Assert.Equal(ErrorCode.ConnectionLoss, error.Code);
        Assert.Contains("JuteMaxBuffer", error.Message);
        await Task.Delay(200);
        Assert.NotNull(await RetryAsync(() => client.ExistsAsync(path)).WithDeadline());
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ZooKeeperException e) when (e.Code == ErrorCode.ConnectionLoss && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
