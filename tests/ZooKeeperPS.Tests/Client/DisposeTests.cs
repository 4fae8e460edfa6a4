using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>
/// Dispose ends the session without blocking for seconds (it used to wait up to 5 s); DisposeAsync waits for the
/// server's confirmation, so the session's ephemeral nodes are gone when it returns.
/// </summary>
[Collection("ZooKeeper")]
public sealed class DisposeTests
{
    /// <summary>Well above Dispose's one-second wait for a reply, well below the five seconds it could take before.</summary>
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(4);

    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public DisposeTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Dispose_ReturnsQuickly_WhenTheServerIsFrozen()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        proxy.Freeze(); // closeSession goes nowhere, no reply comes back, and the connection stays open

        var clock = Stopwatch.StartNew();
        client.Dispose();
        _output.WriteLine($"Dispose took {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < Quick, $"Dispose took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(ConnectionState.Closed, client.State);
        await Assert.ThrowsAsync<SessionClosedException>(() => client.ExistsAsync("/"));
    }

    [Fact]
    public async Task Dispose_WhileDisconnected_DoesNotWaitForAReconnect()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        var disconnected = client.WhenState(ConnectionState.Disconnected);
        proxy.Accepting = false;
        proxy.DropAll();
        await disconnected.WithDeadline();

        var clock = Stopwatch.StartNew();
        client.Dispose();
        Assert.True(clock.Elapsed < Quick, $"Dispose took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(ConnectionState.Closed, client.State);
    }

    [Fact]
    public async Task Dispose_OnAHealthyServer_ClosesTheSession()
    {
        var path = _fixture.UniqueRoot();
        using var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(path, null, CreateMode.Ephemeral).WithDeadline();
        client.Dispose();
        // Gone long before the session timeout (10 s) would take it: Dispose sent closeSession.
        await TestClient.WaitUntilAsync(async () => await observer.ExistsAsync(path) == null, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DisposeAsync_ThroughIAsyncDisposable_WaitsForTheClose()
    {
        var path = _fixture.UniqueRoot();
        using var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(path, null, CreateMode.Ephemeral).WithDeadline();

        IAsyncDisposable disposable = client; // the test project runs the netstandard2.1 build, which implements it
        await disposable.DisposeAsync().AsTask().WithDeadline();
        Assert.Equal(ConnectionState.Closed, client.State);
        Assert.Null(await observer.ExistsAsync(path).WithDeadline());
        await client.DisposeAsync().WithDeadline(); // and again: idempotent
    }

    [Fact]
    public async Task AwaitUsing_ClosesTheSessionAtTheEndOfTheScope()
    {
        var path = _fixture.UniqueRoot();
        using var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await using (var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output))
        {
            await client.CreateAsync(path, null, CreateMode.Ephemeral).WithDeadline();
            Assert.NotNull(await observer.ExistsAsync(path).WithDeadline());
        }

        Assert.Null(await observer.ExistsAsync(path).WithDeadline());
    }
}
