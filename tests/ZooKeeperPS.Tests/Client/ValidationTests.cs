using System;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>Bad arguments fail before anything is sent (the session stays healthy and nothing is created).</summary>
[Collection("ZooKeeper")]
public sealed class ValidationTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ValidationTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("/a/")]
    [InlineData("/a//b")]
    [InlineData("/a/./b")]
    [InlineData("/a/../b")]
    [InlineData("/a\u0000b")]
    [InlineData("/a\u001fb")]
    [InlineData("/a\u007fb")]
    [InlineData("/a\u009fb")]
    [InlineData("/a\ud800b")]
    [InlineData("/a\uf8ffb")]
    [InlineData("/a\ufff0b")]
    [InlineData("/a\uffffb")]
    public void InvalidPaths_AreRejectedWithTheServersRules(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => ZooKeeperPath.Validate(path));
        Assert.Equal("path", error.ParamName);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("/a/b.c/..d/...")]
    [InlineData("/zookeeper/quota")]
    [InlineData("/中文/ü")]
    public void ValidPaths_AreAccepted(string path) => ZooKeeperPath.Validate(path);

    [Fact]
    public void SequentialPaths_AreValidatedWithASuffix()
    {
        ZooKeeperPath.Validate("/a/", isSequential: true);
        Assert.Throws<ArgumentException>(() => ZooKeeperPath.Validate("/a/", isSequential: false));
        Assert.Throws<ArgumentException>(() => ZooKeeperPath.Validate("/a//", isSequential: true));
    }

    [Fact]
    public void PathArithmetic()
    {
        Assert.Equal("/a/b", ZooKeeperPath.Combine("/a", "b"));
        Assert.Equal("/b", ZooKeeperPath.Combine("/", "b"));
        Assert.Equal("/a", ZooKeeperPath.GetParent("/a/b"));
        Assert.Equal("/", ZooKeeperPath.GetParent("/a"));
        Assert.Equal("b", ZooKeeperPath.GetName("/a/b"));
        Assert.Equal("", ZooKeeperPath.GetName("/"));
    }

    [Fact]
    public async Task BadArguments_FailBeforeSending()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.MaxDataLength = 100);
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAsync(root + "/", null).WithDeadline());
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAsync(root, new byte[101]).WithDeadline());
        await Assert.ThrowsAsync<ArgumentException>(() => client.SetDataAsync("/", new byte[101]).WithDeadline());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.SetDataAsync("/", null, version: -2).WithDeadline());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.DeleteAsync(root, version: -2).WithDeadline());
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAsync(root, null, CreateMode.Persistent, ttl: TimeSpan.FromSeconds(1)).WithDeadline());
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAsync(root, null, CreateMode.PersistentWithTtl).WithDeadline());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.CreateAsync(root, null, CreateMode.PersistentWithTtl, ttl: TimeSpan.Zero).WithDeadline());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.CreateAsync(root, null, CreateMode.PersistentWithTtl, ttl: TimeSpan.FromMilliseconds(0x10000000000L)).WithDeadline());
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAsync(root, null, acl: Array.Empty<Acl>()).WithDeadline());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.CreateAsync(root, null, (CreateMode)7).WithDeadline());
        Assert.Throws<ArgumentException>(() => Op.Create(root + "/", null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Op.Check(root, -2));
        await Assert.ThrowsAsync<ArgumentException>(() => client.MultiAsync(new[] { Op.GetData("/") }).WithDeadline());

        Assert.Equal(ConnectionState.Connected, client.State);
        Assert.Null(await client.ExistsAsync(root).WithDeadline());
        await client.CreateAsync(root, new byte[100]).WithDeadline();
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:2181/a/")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:x")]
    [InlineData("::1:2181")]
    [InlineData("[::1:2181")]
    [InlineData(",")]
    public async Task MalformedConnectionStrings_AreArgumentErrors(string connectionString)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectionString = connectionString }));
    }

    [Fact]
    public async Task NoServerAnswering_FailsWithConnectionLossNamingTheServers()
    {
        var options = new ZooKeeperClientOptions
        {
            ConnectionString = "127.0.0.1:1,127.0.0.1:2/chroot",
            ConnectTimeout = TimeSpan.FromSeconds(1.5),
        };
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => ZooKeeperClient.ConnectAsync(options).WithDeadline());
        Assert.Equal(ErrorCode.ConnectionLoss, error.Code);
        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.Contains("127.0.0.1:2", error.Message);
    }

    [Fact]
    public void DigestIds_FollowTheServersAlgorithm()
    {
        Assert.Equal("user:tpUq/4Pn5A64fVZyQ0gOJ8ZWqkY=", Id.Digest("user", "password").Identity);
        Assert.Equal("digest", Id.Digest("user", "password").Scheme);
    }
}
