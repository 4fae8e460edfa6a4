using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>
/// Issue 11, defect 4: the server compares the whole request frame (not the data alone) with jute.maxbuffer
/// (default 1,048,575 bytes) and drops the connection over it ("Len error"). A request the server would refuse fails
/// before it is sent, with an ArgumentException that gives the limit, and the connection stays up.
/// </summary>
[Collection("ZooKeeper")]
public sealed class Issue11SizeTests
{
    private const int JuteMaxBuffer = 1024 * 1024 - 1;

    /// <summary>xid, type, the path's and the data's length fields, the open ACL (27 bytes) and the flags.</summary>
    private const int Create2Overhead = 4 + 4 + 4 + 4 + 27 + 4;

    /// <summary>xid, type, the path's and the data's length fields, the version.</summary>
    private const int SetDataOverhead = 4 + 4 + 4 + 4 + 4;

    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public Issue11SizeTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    /// <summary>Today's behaviour, kept: the largest create the server takes goes through (a fix must not refuse it).</summary>
    [Fact]
    public async Task CreateWhoseRequestIsExactlyJuteMaxBuffer_IsAccepted()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var data = new byte[JuteMaxBuffer - Create2Overhead - path.Length];

        var created = await client.CreateAsync(path, data).WithDeadline();

        Assert.Equal(data.Length, created.Stat.DataLength);
        await client.DeleteAsync(path).WithDeadline(); // a megabyte left on the shared server would slow listings of "/"
    }

    [Fact]
    public async Task Defect4_CreateWhoseRequestIsOneByteOverJuteMaxBuffer_FailsBeforeSending_WithArgumentException()
    {
        var path = _fixture.UniqueRoot();
        var data = new byte[JuteMaxBuffer - Create2Overhead - path.Length + 1];
        await AssertRefusedBeforeSendingAsync(client => client.CreateAsync(path, data), path, $"a create with {data.Length:n0} bytes of data");
    }

    [Fact]
    public async Task Defect4_SetDataWithTheLargestDataTheClientAccepts_FailsBeforeSending_WithArgumentException()
    {
        var path = _fixture.UniqueRoot();
        using (var writer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output))
            await writer.CreateAsync(path, null).WithDeadline();
        var data = new byte[new ZooKeeperClientOptions().MaxDataLength];
        Assert.True(SetDataOverhead + path.Length + data.Length > JuteMaxBuffer, "precondition: the request is over the limit");
        await AssertRefusedBeforeSendingAsync(client => client.SetDataAsync(path, data), null, $"a setData with {data.Length:n0} bytes of data");
        using var reader = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        Assert.Equal(0, (await reader.ExistsAsync(path).WithDeadline())!.DataLength); // the node it names exists: unchanged
    }

    [Fact]
    public async Task Defect4_CreateWithAPathLongerThanJuteMaxBuffer_FailsBeforeSending_WithArgumentException()
    {
        var path = "/" + new string('p', 1_100_000);
        await AssertRefusedBeforeSendingAsync(client => client.CreateAsync(path, null), null, "a create with a 1.1 MB path");
    }

    [Fact]
    public async Task Defect4_MultiWhoseBatchIsOverJuteMaxBuffer_FailsBeforeSending_WithArgumentException()
    {
        var root = _fixture.UniqueRoot();
        var ops = new[] { Op.Create(root + "/a", new byte[600_000]), Op.Create(root + "/b", new byte[600_000]) };
        await AssertRefusedBeforeSendingAsync(client => client.MultiAsync(ops), root + "/a", "a multi of two creates of 600,000 bytes each");
    }

    /// <summary>The call fails with ArgumentException, the connection is never dropped, and nothing was created.</summary>
    private async Task AssertRefusedBeforeSendingAsync(Func<ZooKeeperClient, Task> call, string? pathThatMustNotExist, string what)
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var states = new ConcurrentQueue<ConnectionState>();
        client.StateChanged += (_, e) => states.Enqueue(e.NewState);

        var outcome = await Bounded.RunAsync(() => call(client), TimeSpan.FromSeconds(20));

        Assert.True(outcome.Completed && outcome.Error is ArgumentException { Message: var message } && message.Contains("bytes"),
            $"{what} should fail before sending with an ArgumentException that gives the limit in bytes; it {outcome}.");
        await Task.Delay(200); // a dropped connection would show as Disconnected by now
        // Connected may still arrive late from the connect itself (state changes are raised on the dispatch queue).
        Assert.True(!states.Contains(ConnectionState.Disconnected), $"the connection should stay up; the session went {string.Join(" -> ", states)}.");
        if (pathThatMustNotExist is not null) Assert.Null(await client.ExistsAsync(pathThatMustNotExist).WithDeadline());
    }
}
