using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>Connection loss, reconnect with the same session, watch re-registration, expiry.</summary>
[Collection("ZooKeeper")]
public sealed class SessionTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public SessionTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task DroppedConnection_Reconnects_KeepsSessionEphemeralsAndWatches()
    {
        var root = _fixture.UniqueRoot();
        using var writer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await writer.CreateAsync(root, null).WithDeadline();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root + "/eph", null, CreateMode.Ephemeral).WithDeadline();
        var events = new BlockingCollection<WatchedEvent>();
        await client.GetDataAsync(root, events.Add).WithDeadline();
        var states = new BlockingCollection<ConnectionState>();
        client.StateChanged += (_, e) => states.Add(e.NewState);
        var sessionId = client.SessionId;

        client.DropConnection();
        Assert.Equal(ConnectionState.Disconnected, states.Next());
        Assert.Equal(ConnectionState.Connected, states.Next());
        Assert.Equal(sessionId, client.SessionId);
        Assert.Equal(EventType.None, events.Next().Type); // watchers hear about Disconnected ...
        Assert.Equal(EventType.None, events.Next().Type); // ... and SyncConnected

        await writer.SetDataAsync(root, new byte[1]).WithDeadline();
        var changed = events.Next();
        Assert.Equal(EventType.NodeDataChanged, changed.Type);
        Assert.Equal(root, changed.Path);
        Assert.NotNull(await writer.ExistsAsync(root + "/eph").WithDeadline());
    }

    [Fact]
    public async Task StateChangedHandler_MayBlockOnTheClient()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            // Were this on the receive loop, the reply could never be read: a deadlock.
            if (e.NewState == ConnectionState.Connected)
                answered.TrySetResult(client.ExistsAsync("/").GetAwaiter().GetResult() != null);
        };
        client.DropConnection();
        Assert.True(await answered.Task.WithDeadline());
    }

    [Fact]
    public async Task ChangesWhileDisconnected_AreReportedOnReconnect_BySetWatches()
    {
        var root = _fixture.UniqueRoot();
        using var writer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await writer.CreateAsync(root, null).WithDeadline();
        await writer.CreateAsync(root + "/data", null).WithDeadline();
        await writer.CreateAsync(root + "/gone", null).WithDeadline();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);

        var dataEvents = new BlockingCollection<WatchedEvent>();
        var existEvents = new BlockingCollection<WatchedEvent>();
        var childEvents = new BlockingCollection<WatchedEvent>();
        var goneEvents = new BlockingCollection<WatchedEvent>();
        var persistentEvents = new BlockingCollection<WatchedEvent>();
        await client.GetDataAsync(root + "/data", dataEvents.Add).WithDeadline();
        await client.ExistsAsync(root + "/new", existEvents.Add).WithDeadline();
        await client.GetChildrenAsync(root, childEvents.Add).WithDeadline();
        await client.GetDataAsync(root + "/gone", goneEvents.Add).WithDeadline();
        await client.AddWatchAsync(root + "/data", AddWatchMode.Persistent, persistentEvents.Add).WithDeadline();
        var disconnected = client.WhenState(ConnectionState.Disconnected);
        var reconnected = client.WhenState(ConnectionState.Connected);

        proxy.Accepting = false;
        proxy.DropAll();
        await disconnected.WithDeadline();
        await writer.SetDataAsync(root + "/data", new byte[1]).WithDeadline();
        await writer.CreateAsync(root + "/new", null).WithDeadline();
        await writer.DeleteAsync(root + "/gone").WithDeadline();
        proxy.Accepting = true;
        await reconnected.WithDeadline();

        Assert.Equal(EventType.NodeDataChanged, TestClient.NextNodeEvent(dataEvents).Type);
        Assert.Equal(EventType.NodeCreated, TestClient.NextNodeEvent(existEvents).Type);
        Assert.Equal(EventType.NodeChildrenChanged, TestClient.NextNodeEvent(childEvents).Type);
        Assert.Equal(EventType.NodeDeleted, TestClient.NextNodeEvent(goneEvents).Type);

        // The persistent watch was re-added (SetWatches2) and keeps firing.
        await writer.SetDataAsync(root + "/data", new byte[2]).WithDeadline();
        Assert.Equal(EventType.NodeDataChanged, TestClient.NextNodeEvent(persistentEvents).Type);
    }

    [Fact]
    public async Task ManyWatches_AreReRegisteredInSeveralBatches()
    {
        var root = _fixture.UniqueRoot();
        var name = new string('w', 200);
        const int count = 1500; // about 320,000 characters of paths: more than two 128 KiB batches
        var log = new ConcurrentQueue<string>();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.Log = log.Enqueue);
        await client.CreateAsync(root, null).WithDeadline();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.CreateAsync($"{root}/{name}{i}", null))).WithDeadline();
        var fired = new ConcurrentDictionary<string, bool>();
        var all = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch(WatchedEvent e)
        {
            if (e.Type == EventType.NodeDataChanged && fired.TryAdd(e.Path!, true) && fired.Count == count) all.TrySetResult(true);
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.GetDataAsync($"{root}/{name}{i}", Watch))).WithDeadline();
        var reconnected = client.WhenState(ConnectionState.Connected);
        client.DropConnection();
        await reconnected.WithDeadline();
        Assert.Contains(log, line => line.Contains("re-registering watches in 3 batch(es)"));

        using var writer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => writer.SetDataAsync($"{root}/{name}{i}", new byte[1]))).WithDeadline();
        await all.Task.WithDeadline();
    }

    [Fact]
    public async Task InFlightRequests_FailWithConnectionLoss_WhenTheConnectionDrops()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var calls = Enumerable.Range(0, 2000).Select(_ => client.ExistsAsync("/")).ToArray();
        client.DropConnection();
        var outcomes = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                await c;
                return ErrorCode.Ok;
            }
            catch (ZooKeeperException e)
            {
                return e.Code;
            }
        })).WithDeadline();
        Assert.All(outcomes, code => Assert.True(code == ErrorCode.Ok || code == ErrorCode.ConnectionLoss, code.ToString()));
        Assert.Contains(ErrorCode.ConnectionLoss, outcomes);
        // And the client is usable again after it reconnects by itself.
        var clock = Stopwatch.StartNew();
        while (client.State != ConnectionState.Connected && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
    }

    [Fact]
    public async Task ClosedBySecondClient_IsReportedAsExpired_AndEphemeralsAreGone()
    {
        var root = _fixture.UniqueRoot();
        using var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await observer.CreateAsync(root, null).WithDeadline();
        // The client goes through a proxy so that it stays away while its twin closes the session
        // (otherwise the two would take the session from each other).
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        await client.CreateAsync(root + "/eph", null, CreateMode.Ephemeral).WithDeadline();
        var watcherEvents = new BlockingCollection<WatchedEvent>();
        await client.GetDataAsync(root, watcherEvents.Add).WithDeadline();
        var disconnected = client.WhenState(ConnectionState.Disconnected);
        var expired = client.WhenState(ConnectionState.Expired);
        proxy.Accepting = false;
        proxy.DropAll();
        await disconnected.WithDeadline();

        var twin = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o =>
        {
            o.SessionId = client.SessionId;
            o.SessionPassword = client.SessionPassword;
        });
        Assert.Equal(client.SessionId, twin.SessionId);
        await twin.CloseAsync().WithDeadline();
        Assert.Null(await observer.ExistsAsync(root + "/eph").WithDeadline());

        proxy.Accepting = true;
        await expired.WithDeadline();
        Assert.Equal(ConnectionState.Expired, client.State);
        while (watcherEvents.Next().State != KeeperState.Expired)
        {
            // Disconnected comes first; the watcher must then hear Expired (Next fails the test after its deadline).
        }

        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.ExistsAsync("/").WithDeadline());
        Assert.Equal(ErrorCode.SessionExpired, error.Code);
    }

    [Fact]
    public async Task WrongSessionPassword_IsReportedAsExpired()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var options = new ZooKeeperClientOptions
        {
            ConnectionString = _fixture.ConnectionString,
            SessionId = client.SessionId,
            SessionPassword = new byte[16],
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => ZooKeeperClient.ConnectAsync(options).WithDeadline());
        Assert.Equal(ErrorCode.SessionExpired, error.Code);
    }

    [Fact]
    public async Task ServerDownLongerThanTheSessionTimeout_EndsInExpired()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output, o => o.SessionTimeout = TimeSpan.FromSeconds(1));
        var expired = client.WhenState(ConnectionState.Expired);
        proxy.Accepting = false;
        proxy.DropAll();
        await Task.Delay(TimeSpan.FromSeconds(3));
        proxy.Accepting = true;
        await expired.WithDeadline();
    }

    [Fact]
    public async Task AReconnectThatIsNeverAnswered_CostsOneAttemptNotTheSession()
    {
        // A reconnect whose ConnectRequest the server takes and never answers (ZooKeeper 3.8.0 leaves connections made
        // during its startup open): the attempt must give up in time for another one within the session timeout. One
        // attempt of a whole session timeout, the Java client's rule for a single host, would lose the session.
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        var sessionTimeout = TimeSpan.FromSeconds(12);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output, o => o.SessionTimeout = sessionTimeout);
        var sessionId = client.SessionId;
        var disconnected = client.WhenState(ConnectionState.Disconnected);
        proxy.HoldNextSessionConnections(1);
        proxy.DropAll();
        await disconnected.WithDeadline();

        var reconnected = client.WhenState(ConnectionState.Connected);
        await reconnected.WithDeadline(sessionTimeout);
        Assert.Equal(1, Volatile.Read(ref proxy.HeldSessionConnections));
        Assert.Equal(sessionId, client.SessionId);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
    }

    [Fact]
    public async Task SilentServer_IsDetectedByTheReadTimeout()
    {
        // The proxy stops forwarding the server's bytes after the handshake: no ping replies arrive, and the server
        // (which still hears the pings) never closes the connection, so only the client's read timeout, 2/3 of the
        // negotiated session timeout, can find that the connection is dead. The reason it gives says which rule fired.
        var log = new ConcurrentQueue<string>();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output, o =>
        {
            o.SessionTimeout = TimeSpan.FromSeconds(3);
            o.Log += log.Enqueue;
        });
        var disconnected = client.WhenState(ConnectionState.Disconnected);
        proxy.Silence();
        await disconnected.WithDeadline();

        var readTimeoutMs = (int)client.NegotiatedSessionTimeout.TotalMilliseconds * 2 / 3;
        var reason = log.First(line => line.StartsWith("disconnected from", StringComparison.Ordinal));
        Assert.Matches(@"no whole frame received from \S+ for \d+ ms \(read timeout " + readTimeoutMs + @" ms\)$", reason);
    }

    [Fact]
    public async Task ReadOnlySession_MovesToAServerThatAnswersIsroWithRw()
    {
        // The first proxy makes its server look read-only; the second is down at first, then comes up.
        using var readOnly = new TcpProxy(_fixture.Server.ClientPort) { ReportReadOnly = true };
        using var readWrite = new TcpProxy(_fixture.Server.ClientPort) { Accepting = false };
        using var client = await TestClient.ConnectAsync(readOnly.ConnectionString + "," + readWrite.ConnectionString, _output, o => o.AllowReadOnly = true);
        Assert.Equal(ConnectionState.ConnectedReadOnly, client.State);
        Assert.Equal(readOnly.ConnectionString, client.ConnectedServer);

        var connected = client.WhenState(ConnectionState.Connected);
        readWrite.Accepting = true;
        await connected.WithDeadline();
        Assert.Equal(readWrite.ConnectionString, client.ConnectedServer);
    }

    [Fact]
    public async Task IdleSession_IsKeptAliveByPings()
    {
        // 4 s, not the server's minimum of 2 s: its read timeout of 1.3 s is shorter than the pauses of a server on a
        // loaded 2-core machine, which then drop the connection (as they should) and fail the test for the wrong reason.
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.SessionTimeout = TimeSpan.FromSeconds(4));
        var states = new BlockingCollection<ConnectionState>();
        client.StateChanged += (_, e) => states.Add(e.NewState);
        await Task.Delay(TimeSpan.FromSeconds(8)); // twice the session timeout, with nothing but pings
        Assert.Empty(states);
        Assert.Equal(ConnectionState.Connected, client.State);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
    }
}
