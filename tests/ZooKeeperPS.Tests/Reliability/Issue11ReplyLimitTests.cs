using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>
/// Issue 11, defect 2, the other side of a reply limit of jute.maxbuffer: the server does not limit replies, so a
/// multiRead of 16 nodes of 1 MB each comes back as one 16 MB frame. The client skips it without dropping the
/// connection, and NodeReader (Get-ZkNode, Get-ZkChildItem) reads such nodes one by one. And the request timeout.
/// </summary>
[Collection("ZooKeeper")]
public sealed class Issue11ReplyLimitTests
{
    private const int Nodes = 16;
    private const int NodeBytes = 1_000_000;

    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public Issue11ReplyLimitTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task MultiReadOfSixteenOneMegabyteNodes_FailsWithReplyTooLarge_TheConnectionStays_AndNodeReaderReadsThemOneByOne()
    {
        var root = _fixture.UniqueRoot();
        var paths = Enumerable.Range(0, Nodes).Select(i => $"{root}/n{i}").ToArray();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        await Task.WhenAll(paths.Select((path, i) => client.CreateAsync(path, Enumerable.Repeat((byte)i, NodeBytes).ToArray()))).WithDeadline();
        var states = new ConcurrentQueue<ConnectionState>();
        client.StateChanged += (_, e) => states.Enqueue(e.NewState);
        try
        {
            var tooLarge = await Assert.ThrowsAsync<ReplyTooLargeException>(() => client.MultiReadAsync(paths.Select(p => Op.GetData(p))).WithDeadline());
            Assert.True(tooLarge.ReplyLength > Nodes * NodeBytes, $"the skipped reply was {tooLarge.ReplyLength:n0} bytes");
            Assert.Contains("JuteMaxBuffer", tooLarge.Message);

            var reads = await new NodeReader(client).ReadAsync(paths, NodeReadKind.Data).WithDeadline();

            Assert.All(reads, read => Assert.Null(read.Failure));
            Assert.Equal(Enumerable.Range(0, Nodes).Select(i => (byte)i), reads.Select(read => read.Data!.Data[NodeBytes - 1]));
            Assert.All(reads, read => Assert.Equal(NodeBytes, read.Data!.Data.Length));
            Assert.DoesNotContain(ConnectionState.Disconnected, states);
        }
        finally
        {
            await Task.WhenAll(paths.Select(path => client.DeleteAsync(path))).WithDeadline(); // 16 MB would slow later listings of "/"
            await client.DeleteAsync(root).WithDeadline();
        }
    }

    [Fact]
    public async Task RequestTimeout_FailsACallWhoseReplyNeverComes_WithRequestTimeout_AndTheClientReconnects()
    {
        using var proxy = new MutatingProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output, options => options.RequestTimeout = TimeSpan.FromMilliseconds(500));
        var dropped = proxy.DropNextRequest(Frames.OpGetData); // the server never hears of it; pings keep the connection alive

        var outcome = await Bounded.RunAsync(() => client.GetDataAsync("/"), TimeSpan.FromSeconds(3));

        await dropped.WithDeadline();
        Assert.True(outcome.Completed && outcome.Error is ZooKeeperException { Code: ErrorCode.RequestTimeout } && outcome.Elapsed < TimeSpan.FromSeconds(2),
            $"a getData whose reply never comes should fail with RequestTimeout about 0.5 s after it was sent; it {outcome}.");
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
    }
}
