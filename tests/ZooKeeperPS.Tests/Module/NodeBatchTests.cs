using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Module;

/// <summary>
/// Creates (New-ZkNode) and deletes (Remove-ZkNode) in the batch window. Nodes created by one multi share their czxid
/// (a multi is one transaction), so the tests see on the server which creates went together; a frozen server keeps
/// the first request in flight, so the next items surely collect into a batch.
/// </summary>
[Collection("ZooKeeper")]
public sealed class NodeBatchTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("v");
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public NodeBatchTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task CreatesInOneMulti_WhileBusy_AndRedoesAFailedOneCreateByCreate_InInputOrder()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        await client.CreateAsync(root + "/taken", null).WithDeadline();
        var session = new ZkSession(client, new ConnectionLog());
        var outcomes = new List<string>();
        var created = new List<CreateResult>();
        var window = Creates(CreateMode.Persistent, new BatchLimits(4), outcomes, created);

        using (new FrozenServer(_fixture.Server))
        {
            // a alone (nothing in flight); b c d e (full); f taken g h, a multi that fails; i (the rest).
            foreach (var name in new[] { "a", "b", "c", "d", "e", "f", "taken", "g", "h", "i" })
            {
                window.Add(session, new NodeCreate($"{root}/{name}", Data, null));
            }
        }
        window.Drain();

        Assert.Equal(new[] { "a", "b", "c", "d", "e", "f", "taken NodeExists", "g", "h", "i" }.Select(name => $"{root}/{name}"), outcomes);
        Assert.Equal(new[] { 1, 2, 2, 2, 2, 3, 4, 5, 6 }, Groups(created.Select(result => result.Stat.Czxid).ToArray()));
        var onServer = (await client.GetChildrenAsync(root).WithDeadline()).Children.OrderBy(name => name, StringComparer.Ordinal);
        Assert.Equal(new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "taken" }, onServer);
    }

    [Fact]
    public async Task BatchedSequentialCreates_ReportTheirRealPaths_InInputOrder()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        var session = new ZkSession(client, new ConnectionLog());
        var outcomes = new List<string>();
        var created = new List<CreateResult>();
        var window = Creates(CreateMode.PersistentSequential, new BatchLimits(16), outcomes, created);

        using (new FrozenServer(_fixture.Server))
        {
            for (var i = 0; i < 10; i++)
            {
                window.Add(session, new NodeCreate($"{root}/job-", Data, null));
            }
        }
        window.Drain();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{root}/job-{i:D10}"), outcomes);
        Assert.Equal(new[] { 1, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, Groups(created.Select(result => result.Stat.Czxid).ToArray()));
    }

    [Fact]
    public async Task KeepsABatchUnderHalfTheSessionsRequestLimit()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, options => options.JuteMaxBuffer = 8 * 1024);
        await client.CreateAsync(root, null).WithDeadline();
        var session = new ZkSession(client, new ConnectionLog());
        var outcomes = new List<string>();
        var created = new List<CreateResult>();
        var window = Creates(CreateMode.Persistent, new BatchLimits(100), outcomes, created);
        var paths = Enumerable.Range(0, 7).Select(i => $"{root}/n{i}").ToArray();

        using (new FrozenServer(_fixture.Server))
        {
            foreach (var path in paths)
            {
                window.Add(session, new NodeCreate(path, new byte[1500], null));
            }
        }
        window.Drain();

        // n0 alone; then 1,500 bytes of data and some 100 of path and ACL each: two fit into 4 KiB, a third does not.
        Assert.Equal(paths, outcomes);
        Assert.Equal(new[] { 1, 2, 2, 3, 3, 4, 4 }, Groups(created.Select(result => result.Stat.Czxid).ToArray()));
    }

    [Theory]
    [InlineData(CreateMode.Ephemeral)]
    [InlineData(CreateMode.Persistent)]
    [InlineData(CreateMode.PersistentSequential)]
    public async Task ABatchOfCreatesThatLostItsConnection_IsConfirmedCreateByCreate(CreateMode mode)
    {
        var root = _fixture.UniqueRoot();
        using var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await observer.CreateAsync(root, null).WithDeadline();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        var session = new ZkSession(client, new ConnectionLog());
        var outcomes = new List<string>();
        var failures = new List<Exception>();
        var window = new BatchWindow<NodeCreate, CreateResult>(new RecordingHost(), new NodeCreateOperation(mode, null, null, isProtected: false),
            new BatchLimits(16), (_, _, result) => outcomes.Add(result.Path), (create, failure) => failures.Add(failure));
        var sequential = mode == CreateMode.PersistentSequential;
        var paths = Enumerable.Range(0, 6).Select(i => sequential ? $"{root}/s-" : $"{root}/n{i}").ToArray();

        // The server carries out the creates (n0 alone, n1..n5 in one multi); their replies never come back.
        proxy.Silence();
        foreach (var path in paths)
        {
            window.Add(session, new NodeCreate(path, Data, null));
        }
        window.Flush();
        await TestClient.WaitUntilAsync(async () => (await observer.GetChildrenAsync(root)).Children.Count == paths.Length);
        proxy.Accepting = false;
        proxy.DropAll();
        proxy.Unsilence();
        proxy.Accepting = true;
        window.Drain();

        if (mode == CreateMode.Ephemeral)
        {
            // Only this session can own an ephemeral node created after the create was sent: each is proved its own.
            Assert.Empty(failures);
            Assert.Equal(paths, outcomes);
        }
        else
        {
            Assert.Empty(outcomes);
            Assert.Equal(paths.Length, failures.Count);
            foreach (var failure in failures)
            {
                if (sequential)
                {
                    // Sent: a second create would make a second node, so it is never sent again.
                    var lost = Assert.IsType<ZooKeeperException>(failure);
                    Assert.Equal(ErrorCode.ConnectionLoss, lost.Code);
                    Assert.True(lost.RequestSent);
                }
                else
                {
                    Assert.IsType<CreateOutcomeUnknownException>(failure);
                }
            }
        }
        Assert.Equal(paths.Length, (await observer.GetChildrenAsync(root).WithDeadline()).Children.Count);
    }

    [Fact]
    public async Task DeletesInOneMulti_WhileBusy_AndRedoesAFailedOneDeleteByDelete_EachWithItsOwnError()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        foreach (var name in new[] { "a", "b", "c", "full", "full/child", "d", "versioned" })
        {
            await client.CreateAsync($"{root}/{name}", null).WithDeadline();
        }
        await client.SetDataAsync(root + "/versioned", Data).WithDeadline();
        var session = new ZkSession(client, new ConnectionLog());
        var outcomes = new List<string>();
        var window = new BatchWindow<string, bool>(new RecordingHost(), new NodeDeleteOperation(0), new BatchLimits(16),
            (_, path, _) => outcomes.Add(path), (path, failure) => outcomes.Add($"{path} {((ZooKeeperException)failure).Code}"));

        using (new FrozenServer(_fixture.Server))
        {
            foreach (var name in new[] { "a", "b", "missing", "full", "c", "versioned", "d" })
            {
                window.Add(session, $"{root}/{name}");
            }
        }
        window.Drain();

        Assert.Equal(new[] { "a", "b", "missing NoNode", "full NotEmpty", "c", "versioned BadVersion", "d" }.Select(name => $"{root}/{name}"), outcomes);
        Assert.Equal(new[] { "full", "versioned" }, (await client.GetChildrenAsync(root).WithDeadline()).Children.OrderBy(name => name, StringComparer.Ordinal));
    }

    private static BatchWindow<NodeCreate, CreateResult> Creates(CreateMode mode, BatchLimits limits, List<string> outcomes, List<CreateResult> created) =>
        new(new RecordingHost(), new NodeCreateOperation(mode, null, null, isProtected: false), limits,
            (_, _, result) =>
            {
                created.Add(result);
                outcomes.Add(result.Path);
            },
            (create, failure) => outcomes.Add($"{create.Path} {((ZooKeeperException)failure).Code}"));

    /// <summary>Numbers the distinct values in order of appearance: equal values (one transaction) get one number.</summary>
    private static int[] Groups(long[] values) =>
        values.Select(value => Array.IndexOf(values.Distinct().ToArray(), value) + 1).ToArray();
}
