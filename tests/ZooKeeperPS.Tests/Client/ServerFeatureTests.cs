using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>
/// Operations newer than 3.5 are sent only to a server known to have them; the version comes from srvr (through a
/// proxy that fakes, refuses or freezes it), is asked per connection, never holds a call past its token, and a failed
/// probe is asked again.
/// </summary>
[Collection("ZooKeeper")]
public sealed class ServerFeatureTests
{
    private static readonly Op[] OneRead = { Op.GetData("/") };
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ServerFeatureTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task NewerOperations_OnAnOlderServer_AreRefusedBeforeSending()
    {
        var path = _fixture.UniqueRoot();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { FakeVersion = "3.5.10" };
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        Assert.Equal(new Version(3, 5, 10), await client.GetServerVersionAsync().WithDeadline());

        var addWatch = await Assert.ThrowsAsync<ServerFeatureException>(() => client.AddWatchAsync(path, AddWatchMode.Persistent, _ => { }).WithDeadline());
        Assert.Equal("AddWatch needs ZooKeeper 3.6 or later; the server is 3.5.10.", addWatch.Message);
        Assert.Equal(("AddWatch", new Version(3, 6), new Version(3, 5, 10)), (addWatch.Feature, addWatch.RequiredVersion, addWatch.ServerVersion));
        await Assert.ThrowsAsync<ServerFeatureException>(() => client.MultiReadAsync(new[] { Op.GetData("/") }).WithDeadline());
        await Assert.ThrowsAsync<ServerFeatureException>(() => client.GetEphemeralsAsync().WithDeadline());
        await Assert.ThrowsAsync<ServerFeatureException>(() => client.GetAllChildrenNumberAsync("/").WithDeadline());
        await Assert.ThrowsAsync<ServerFeatureException>(() => client.WhoAmIAsync().WithDeadline());
        Assert.DoesNotContain(path, _fixture.Server.FourLetterWord("wchp"));
        Assert.Equal(ConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task WhoAmI_OnA36Server_IsRefused_ButGetEphemeralsWorks()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { FakeVersion = "3.6.4" };
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        var error = await Assert.ThrowsAsync<ServerFeatureException>(() => client.WhoAmIAsync().WithDeadline());
        Assert.Contains("needs ZooKeeper 3.7 or later", error.Message);
        Assert.Empty(await client.GetEphemeralsAsync().WithDeadline());
    }

    [Fact]
    public async Task AnUnknownVersion_FailsNewerOperationsSayingWhy_InsteadOfSendingThem()
    {
        var path = _fixture.UniqueRoot();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { RefuseFourLetterWords = true };
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        Assert.Null(await client.GetServerVersionAsync().WithDeadline());

        var addWatch = await Assert.ThrowsAsync<ServerFeatureException>(() => client.AddWatchAsync(path, AddWatchMode.Persistent, _ => { }).WithDeadline());
        Assert.Contains("AddWatch needs ZooKeeper 3.6 or later, and the client could not learn the server's version", addWatch.Message);
        Assert.Contains("add srvr to its 4lw.commands.whitelist", addWatch.Message);
        Assert.Null(addWatch.ServerVersion);
        Assert.IsAssignableFrom<NotSupportedException>(addWatch); // what callers fall back on
        Assert.DoesNotContain(path, _fixture.Server.FourLetterWord("wchp")); // never sent

        await Assert.ThrowsAsync<ServerFeatureException>(() => client.MultiReadAsync(OneRead).WithDeadline());
        await Assert.ThrowsAsync<ServerFeatureException>(() => client.GetEphemeralsAsync().WithDeadline());
        await Assert.ThrowsAsync<ServerFeatureException>(() => client.GetAllChildrenNumberAsync("/").WithDeadline());
        await Assert.ThrowsAsync<ServerFeatureException>(() => client.WhoAmIAsync().WithDeadline());
        Assert.Equal(ConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task AFailedProbe_IsAskedAgain_OnTheNextConnection()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { RefuseFourLetterWords = true };
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        await Assert.ThrowsAsync<ServerFeatureException>(() => client.MultiReadAsync(OneRead).WithDeadline());

        proxy.RefuseFourLetterWords = false;
        var reconnected = client.WhenState(ConnectionState.Connected);
        client.DropConnection();
        await reconnected.WithDeadline();
        Assert.Single(await client.MultiReadAsync(OneRead).WithDeadline());
    }

    [Fact]
    public async Task AFailedProbe_IsAskedAgain_AfterABackOff_OnTheSameConnection()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { RefuseFourLetterWords = true };
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        var states = new ConcurrentQueue<ConnectionState>();
        client.StateChanged += (_, e) => states.Enqueue(e.NewState);
        await Assert.ThrowsAsync<ServerFeatureException>(() => client.MultiReadAsync(OneRead).WithDeadline());

        proxy.RefuseFourLetterWords = false;
        await TestClient.WaitUntilAsync(async () => await client.GetServerVersionAsync() != null);
        Assert.Single(await client.MultiReadAsync(OneRead).WithDeadline());
        Assert.Empty(states); // the same connection all along
    }

    [Fact]
    public async Task ACancelledCall_ReturnsAtOnce_WhileTheProbeIsStillOut()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { HoldFourLetterWords = true };
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        using var cancel = new CancellationTokenSource();
        var call = client.MultiReadAsync(OneRead, cancel.Token);
        await TestClient.WaitUntilAsync(() => proxy.HeldFourLetterWords == 1); // the probe waits on a frozen peer

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WithDeadline());
        // The probe has not ended (its own timeout is 5 s), so the call did not wait for it.
        Assert.Equal(1, proxy.HeldFourLetterWords);
        Assert.True(client.GetServerVersionAsync(cancel.Token).IsCanceled);
        Assert.Equal(ConnectionState.Connected, client.State);
    }
}
