using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Client;

/// <summary>The session, its ephemerals and its watches move to another member when the connected one dies.</summary>
[Collection("Ensemble")]
public sealed class EnsembleFailoverTests
{
    private readonly EnsembleFixture _fixture;
    private readonly ITestOutputHelper _output;

    public EnsembleFailoverTests(EnsembleFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task KillingTheConnectedMember_MovesTheSessionWithItsWatchesAndEphemerals()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.SessionTimeout = TimeSpan.FromSeconds(10));
        await client.CreateAsync(root, null).WithDeadline();
        await client.CreateAsync(root + "/eph", null, CreateMode.Ephemeral).WithDeadline();
        var dataEvents = new BlockingCollection<WatchedEvent>();
        var treeEvents = new BlockingCollection<WatchedEvent>();
        await client.GetDataAsync(root, dataEvents.Add).WithDeadline();
        await client.AddWatchAsync(root, AddWatchMode.PersistentRecursive, treeEvents.Add).WithDeadline();
        var sessionId = client.SessionId;

        var connected = _fixture.Ensemble.Servers.Single(s => s.ConnectionString == client.ConnectedServer);
        var disconnected = client.WhenState(ConnectionState.Disconnected);
        var reconnected = client.WhenState(ConnectionState.Connected);
        try
        {
            var clock = Stopwatch.StartNew();
            connected.Kill();
            await disconnected.WithDeadline();
            await reconnected.WithDeadline(TimeSpan.FromSeconds(30));
            _output.WriteLine($"reconnected to {client.ConnectedServer} {clock.ElapsedMilliseconds} ms after killing {connected}");

            Assert.NotEqual(connected.ConnectionString, client.ConnectedServer);
            Assert.Equal(sessionId, client.SessionId);

            var others = string.Join(",", _fixture.Ensemble.Servers.Where(s => s != connected).Select(s => s.ConnectionString));
            using var writer = await TestClient.ConnectAsync(others, _output);
            await writer.SetDataAsync(root, new byte[1]).WithDeadline();
            await writer.CreateAsync(root + "/new", null).WithDeadline();

            Assert.Equal(EventType.NodeDataChanged, TestClient.NextNodeEvent(dataEvents).Type);
            Assert.Equal((EventType.NodeDataChanged, root), Pair(TestClient.NextNodeEvent(treeEvents)));
            Assert.Equal((EventType.NodeCreated, root + "/new"), Pair(TestClient.NextNodeEvent(treeEvents)));
            Assert.NotNull(await writer.ExistsAsync(root + "/eph").WithDeadline());
        }
        finally
        {
            connected.Start();
        }
    }

    private static (EventType, string?) Pair(WatchedEvent e) => (e.Type, e.Path);

}
