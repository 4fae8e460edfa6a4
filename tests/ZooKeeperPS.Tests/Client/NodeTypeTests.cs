using System;
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>Every create mode, with and without a chroot.</summary>
[Collection("ZooKeeper")]
public sealed class NodeTypeTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public NodeTypeTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private async Task<(ZooKeeperClient Client, ZooKeeperClient Observer, string Root, string ObserverRoot)> ConnectAsync(bool chrooted)
    {
        var root = _fixture.UniqueRoot();
        var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await observer.CreateAsync(root, null).WithDeadline();
        var client = chrooted
            ? await TestClient.ConnectAsync(_fixture.ConnectionString + root, _output)
            : await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        return (client, observer, chrooted ? "" : root, root);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ephemeral_IsOwnedByTheSession_AndGoesWithIt(bool chrooted)
    {
        var (client, observer, root, observerRoot) = await ConnectAsync(chrooted);
        using (observer)
        {
            var created = await client.CreateAsync(root + "/eph", null, CreateMode.Ephemeral).WithDeadline();
            Assert.Equal(root + "/eph", created.Path);
            Assert.Equal(client.SessionId, created.Stat.EphemeralOwner);
            var noChildren = await Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync(root + "/eph/child", null).WithDeadline());
            Assert.Equal(ErrorCode.NoChildrenForEphemerals, noChildren.Code);

            await client.CloseAsync().WithDeadline();
            Assert.Null(await observer.ExistsAsync(observerRoot + "/eph").WithDeadline());
        }
    }

    [Theory]
    [InlineData(false, CreateMode.PersistentSequential)]
    [InlineData(true, CreateMode.PersistentSequential)]
    [InlineData(false, CreateMode.EphemeralSequential)]
    [InlineData(true, CreateMode.EphemeralSequential)]
    public async Task Sequential_AppendsTenDigitCounter_AndReturnsTheRealPath(bool chrooted, CreateMode mode)
    {
        var (client, observer, root, observerRoot) = await ConnectAsync(chrooted);
        using (client)
        using (observer)
        {
            var first = await client.CreateAsync(root + "/item-", null, mode).WithDeadline();
            var second = await client.CreateAsync(root + "/item-", null, mode).WithDeadline();
            Assert.Matches(new Regex("^" + Regex.Escape(root) + "/item-\\d{10}$"), first.Path);
            Assert.Equal(root + "/item-0000000000", first.Path);
            Assert.Equal(root + "/item-0000000001", second.Path);
            Assert.NotNull(await observer.ExistsAsync(observerRoot + second.Path.Substring(root.Length)).WithDeadline());

            // A sequential create validates path + "1", so a parent path ending in "/" is allowed.
            var bare = await client.CreateAsync(root + "/", null, mode).WithDeadline();
            Assert.Equal(root + "/0000000002", bare.Path);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Container_IsReapedAfterItsLastChildGoes(bool chrooted)
    {
        var (client, observer, root, _) = await ConnectAsync(chrooted);
        using (client)
        using (observer)
        {
            var container = await client.CreateAsync(root + "/box", null, CreateMode.Container).WithDeadline();
            Assert.Equal(root + "/box", container.Path);
            // The server hides the container marker from clients (ephemeralOwner reads 0): only reaping tells.
            await client.CreateAsync(root + "/box/child", null).WithDeadline();
            await client.DeleteAsync(root + "/box/child").WithDeadline();

            Assert.True(await GoneWithinAsync(client, root + "/box", TimeSpan.FromSeconds(15)), "the empty container was not reaped");
        }
    }

    [Theory]
    [InlineData(false, CreateMode.PersistentWithTtl)]
    [InlineData(true, CreateMode.PersistentSequentialWithTtl)]
    public async Task Ttl_NodeExpiresWhenUnchangedAndChildless(bool chrooted, CreateMode mode)
    {
        var (client, observer, root, _) = await ConnectAsync(chrooted);
        using (client)
        using (observer)
        {
            var created = await client.CreateAsync(root + "/ttl", null, mode, ttl: TimeSpan.FromMilliseconds(500)).WithDeadline();
            Assert.StartsWith(root + "/ttl", created.Path);
            Assert.True(await GoneWithinAsync(client, created.Path, TimeSpan.FromSeconds(15)), "the TTL node did not expire");
        }
    }

    private static async Task<bool> GoneWithinAsync(ZooKeeperClient client, string path, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await client.ExistsAsync(path).WithDeadline() == null) return true;
            await Task.Delay(250);
        }

        return false;
    }

    [Fact]
    public async Task CreateOnExistingNode_FailsWithNodeExists_AndMissingParentWithNoNode()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var root = _fixture.UniqueRoot();
        await client.CreateAsync(root, null).WithDeadline();
        var exists = await Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync(root, null).WithDeadline());
        Assert.Equal(ErrorCode.NodeExists, exists.Code);
        Assert.Equal(root, exists.Path);
        var noParent = await Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync(root + "/a/b", null).WithDeadline());
        Assert.Equal(ErrorCode.NoNode, noParent.Code);
    }
}
