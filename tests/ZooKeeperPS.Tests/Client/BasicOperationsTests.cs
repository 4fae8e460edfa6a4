using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>Every basic operation, run once without and once with a chroot.</summary>
[Collection("ZooKeeper")]
public sealed class BasicOperationsTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public BasicOperationsTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    /// <summary>Returns a client whose "/" is a fresh node (chrooted) or a client with a fresh root path (plain).</summary>
    private async Task<(ZooKeeperClient Client, string Root)> ConnectAsync(bool chrooted)
    {
        var root = _fixture.UniqueRoot();
        if (!chrooted)
        {
            var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
            await client.CreateAsync(root, null).WithDeadline();
            return (client, root);
        }

        using (var setup = await TestClient.ConnectAsync(_fixture.ConnectionString, _output))
            await setup.CreateAsync(root, null).WithDeadline();
        var chrootedClient = await TestClient.ConnectAsync(_fixture.ConnectionString + root, _output);
        Assert.Equal(root, chrootedClient.Chroot);
        return (chrootedClient, "");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateGetSetDelete_RoundTripDataAndVersions(bool chrooted)
    {
        var (client, root) = await ConnectAsync(chrooted);
        using (client)
        {
            var path = root + "/node";
            var created = await client.CreateAsync(path, Encoding.UTF8.GetBytes("v1")).WithDeadline();
            Assert.Equal(path, created.Path);
            Assert.Equal(0, created.Stat.Version);
            Assert.Equal(2, created.Stat.DataLength);

            var read = await client.GetDataAsync(path).WithDeadline();
            Assert.Equal("v1", Encoding.UTF8.GetString(read.Data));

            var stat = await client.SetDataAsync(path, Encoding.UTF8.GetBytes("v2"), version: 0).WithDeadline();
            Assert.Equal(1, stat.Version);
            var badVersion = await Assert.ThrowsAsync<ZooKeeperException>(() => client.SetDataAsync(path, new byte[1], version: 0).WithDeadline());
            Assert.Equal(ErrorCode.BadVersion, badVersion.Code);
            Assert.Equal(path, badVersion.Path);
            Assert.StartsWith("BadVersion for " + path + ":", badVersion.Message);

            Assert.Equal("v2", Encoding.UTF8.GetString((await client.GetDataAsync(path).WithDeadline()).Data));
            await Assert.ThrowsAsync<ZooKeeperException>(() => client.DeleteAsync(path, version: 0).WithDeadline());
            await client.DeleteAsync(path, version: 1).WithDeadline();
            Assert.Null(await client.ExistsAsync(path).WithDeadline());

            var noNode = await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync(path).WithDeadline());
            Assert.Equal(ErrorCode.NoNode, noNode.Code);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NullAndEmptyData_ReadBackAsEmpty(bool chrooted)
    {
        var (client, root) = await ConnectAsync(chrooted);
        using (client)
        {
            await client.CreateAsync(root + "/null", null).WithDeadline();
            await client.CreateAsync(root + "/empty", Array.Empty<byte>()).WithDeadline();
            Assert.Empty((await client.GetDataAsync(root + "/null").WithDeadline()).Data);
            Assert.Empty((await client.GetDataAsync(root + "/empty").WithDeadline()).Data);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Exists_ReturnsStatOrNull(bool chrooted)
    {
        var (client, root) = await ConnectAsync(chrooted);
        using (client)
        {
            Assert.Null(await client.ExistsAsync(root + "/missing").WithDeadline());
            await client.CreateAsync(root + "/here", new byte[] { 1, 2, 3 }).WithDeadline();
            var stat = await client.ExistsAsync(root + "/here").WithDeadline();
            Assert.NotNull(stat);
            Assert.Equal(3, stat!.DataLength);
            Assert.Equal(0, stat.EphemeralOwner);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetChildren_ReturnsNamesAndParentStat(bool chrooted)
    {
        var (client, root) = await ConnectAsync(chrooted);
        using (client)
        {
            var parent = root + "/parent";
            await client.CreateAsync(parent, null).WithDeadline();
            foreach (var name in new[] { "a", "b", "c" })
                await client.CreateAsync(parent + "/" + name, null).WithDeadline();

            var children = await client.GetChildrenAsync(parent).WithDeadline();
            Assert.Equal(new[] { "a", "b", "c" }, children.Children.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(3, children.Stat.NumChildren);

            var notEmpty = await Assert.ThrowsAsync<ZooKeeperException>(() => client.DeleteAsync(parent).WithDeadline());
            Assert.Equal(ErrorCode.NotEmpty, notEmpty.Code);
        }
    }

    [Fact]
    public async Task ChrootedClient_SeesTheSameNodesAsAPlainClientUnderTheChroot()
    {
        var root = _fixture.UniqueRoot();
        using var plain = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await plain.CreateAsync(root, null).WithDeadline();
        using var chrooted = await TestClient.ConnectAsync(_fixture.ConnectionString + root, _output);

        var created = await chrooted.CreateAsync("/x", Encoding.UTF8.GetBytes("data")).WithDeadline();
        Assert.Equal("/x", created.Path);
        Assert.Equal("data", Encoding.UTF8.GetString((await plain.GetDataAsync(root + "/x").WithDeadline()).Data));
        Assert.Equal(new[] { "x" }, (await chrooted.GetChildrenAsync("/").WithDeadline()).Children);
        Assert.NotNull(await chrooted.ExistsAsync("/").WithDeadline());
    }

    [Fact]
    public async Task ChrootThatDoesNotExist_FailsCallsWithNoNode()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString + _fixture.UniqueRoot(), _output);
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync("/x", null).WithDeadline());
        Assert.Equal(ErrorCode.NoNode, error.Code);
    }

    [Fact]
    public async Task LargeDataAndManyChildren_RoundTrip()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var big = new byte[0xFFFFF - 200]; // the server's jute.maxbuffer (1 MiB - 1) also counts the request's own fields
        new Random(1).NextBytes(big);
        await client.CreateAsync(root, big).WithDeadline();
        var reads = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetDataAsync(root))).WithDeadline();
        Assert.All(reads, r => Assert.Equal(big, r.Data));

        var names = Enumerable.Range(0, 2000).Select(i => "child-with-a-longish-name-" + i).ToArray();
        await Task.WhenAll(names.Select(n => client.CreateAsync(root + "/" + n, null))).WithDeadline();
        var children = await client.GetChildrenAsync(root).WithDeadline();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), children.Children.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task CancelledCalls_EndAsCancelled_AndTheSessionCarriesOn()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        using var cancelled = new System.Threading.CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetDataAsync("/", cancellationToken: cancelled.Token).WithDeadline());

        using var soon = new System.Threading.CancellationTokenSource();
        var calls = Enumerable.Range(0, 2000).Select(_ => client.ExistsAsync("/", cancellationToken: soon.Token)).ToArray();
        soon.Cancel();
        foreach (var call in calls)
        {
            try
            {
                await call.WithDeadline();
            }
            catch (OperationCanceledException)
            {
                // Cancelled before its reply: the reply, if any, is matched and dropped.
            }
        }

        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
        Assert.Equal(ConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task Dispose_ClosesTheSession()
    {
        var path = _fixture.UniqueRoot();
        using var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(path, null, CreateMode.Ephemeral).WithDeadline();
        client.Dispose();
        Assert.Equal(ConnectionState.Closed, client.State);
        Assert.Null(await observer.ExistsAsync(path).WithDeadline());
    }

    [Fact]
    public async Task Sync_Completes()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.SyncAsync("/").WithDeadline();
    }

    [Fact]
    public async Task Connect_ReportsSessionAndServer()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        Assert.Equal(ConnectionState.Connected, client.State);
        Assert.NotEqual(0, client.SessionId);
        Assert.Equal(_fixture.ConnectionString, client.ConnectedServer);
        Assert.Equal(TimeSpan.FromSeconds(10), client.NegotiatedSessionTimeout);
        Assert.Null(client.Chroot);
    }

    [Fact]
    public async Task Close_IsIdempotent_AndLaterCallsThrowInvalidOperation()
    {
        var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CloseAsync().WithDeadline();
        await client.CloseAsync().WithDeadline();
        Assert.Equal(ConnectionState.Closed, client.State);
        await Assert.ThrowsAsync<SessionClosedException>(() => client.GetDataAsync("/").WithDeadline());
        client.Dispose();
    }
}
