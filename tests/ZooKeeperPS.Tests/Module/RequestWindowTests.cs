using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Module;

[Collection("ZooKeeper")]
public sealed class RequestWindowTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public RequestWindowTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task FinishesRequestsInTheOrderAdded_EachWithItsOwnOutcome()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        var session = new ZkSession(client, new ConnectionLog());
        var host = new RecordingHost();
        var window = new RequestWindow(host, capacity: 8);
        var finished = new List<string>();

        for (var i = 0; i < 100; i++)
        {
            var path = $"{root}/n{i}";
            // Every third path is a node that does not exist; one failure is found before anything is sent.
            if (i % 3 != 0)
            {
                await client.CreateAsync(path, Encoding.UTF8.GetBytes(path)).WithDeadline();
            }
            if (i == 50)
            {
                window.AddFailure(new ArgumentException("refused"), failure => finished.Add("refused"));
                continue;
            }
            window.Add(() => client.GetDataAsync(path), session,
                read => finished.Add(Encoding.UTF8.GetString(read.Data)),
                failure => finished.Add(path + " " + ((ZooKeeperException)failure).Code));
        }
        window.Drain();

        var expected = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var path = $"{root}/n{i}";
            expected.Add(i == 50 ? "refused" : i % 3 != 0 ? path : path + " NoNode");
        }
        Assert.Equal(expected, finished);
        Assert.Equal(0, window.Count);
    }

    [Fact]
    public async Task CountsNodesAgainstItsCapacity_AndWaitsForTheOldestWhenFull()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        var session = new ZkSession(client, new ConnectionLog());
        // Replies never come back: every request stays in flight, and a wait for one would stop the pipeline.
        proxy.Silence();
        var host = new RecordingHost { StopInsteadOfWaiting = true };
        var window = new RequestWindow(host, capacity: 32);
        var sent = new List<Task>();
        Read(window, session, client, 16, sent);

        Assert.Equal(1, window.Count);
        Assert.Empty(host.Waited);
        // 16 + 16 nodes fill the window: it waits for the oldest request before taking more.
        Assert.Throws<PipelineStoppedException>(() => Read(window, session, client, 16, sent));
        Assert.Same(sent[0], host.Waited[0]);

        var light = new RequestWindow(host, capacity: 32);
        for (var i = 0; i < 31; i++)
        {
            Read(light, session, client, 1, sent);
        }
        Assert.Equal(31, light.Count);
        Assert.Single(host.Waited);
    }

    [Fact]
    public async Task ResendsARequestThatWasNeverSent_UntilAServerAnswers()
    {
        var path = _fixture.UniqueRoot();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        var session = new ZkSession(client, new ConnectionLog());
        proxy.Accepting = false;
        proxy.DropAll();
        await WaitUntilAsync(() => client.State == ConnectionState.Disconnected);
        var host = new RecordingHost();
        var window = new RequestWindow(host);
        var resend = LostCreate.Resend(client, path, null, CreateMode.Persistent, null, host.StopToken);
        var attempts = 1;
        CreateResult? created = null;

        window.Add(() => client.CreateAsync(path, null), session, result => created = result,
            failure => throw new Xunit.Sdk.XunitException("the create failed: " + failure.Message),
            lost =>
            {
                attempts++;
                if (attempts == 3)
                {
                    proxy.Accepting = true;
                }
                return resend(lost);
            });
        window.Drain();

        Assert.Equal(path, created?.Path);
        Assert.True(attempts >= 3, $"{attempts} attempts");
        Assert.NotNull(await client.ExistsAsync(path).WithDeadline());
    }

    [Fact]
    public async Task ReportsConnectionLossWhenTheResendSaysItIsNotSafe()
    {
        var root = _fixture.UniqueRoot();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        using var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        var session = new ZkSession(client, new ConnectionLog());
        var host = new RecordingHost();
        var window = new RequestWindow(host);
        var path = root + "/job-";
        Exception? failed = null;

        // The server hears the sequential create, its reply never comes back: a resend could make a second node.
        proxy.Silence();
        window.Add(() => client.CreateAsync(path, null, CreateMode.PersistentSequential), session,
            _ => throw new Xunit.Sdk.XunitException("the create cannot have succeeded"), failure => failed = failure,
            LostCreate.Resend(client, path, null, CreateMode.PersistentSequential, null, host.StopToken));
        await WaitUntilAsync(() => observer.GetChildrenAsync(root).Result.Children.Count == 1);
        proxy.Accepting = false;
        proxy.DropAll();
        window.Drain();

        var lost = Assert.IsType<ZooKeeperException>(failed);
        Assert.Equal(ErrorCode.ConnectionLoss, lost.Code);
        Assert.True(lost.RequestSent);
        Assert.Single((await observer.GetChildrenAsync(root).WithDeadline()).Children);
    }

    /// <summary>Adds a read that weighs <paramref name="nodes"/> nodes; the request goes into <paramref name="sent"/>.</summary>
    private static void Read(RequestWindow window, ZkSession session, ZooKeeperClient client, int nodes, List<Task> sent) =>
        window.Add(() =>
        {
            var request = client.GetDataAsync("/");
            sent.Add(request);
            return request;
        }, session, _ => { }, _ => { }, nodes: nodes);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TestClient.Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not come true in time.");
            await Task.Delay(20);
        }
    }
}
