using System.Text;
using System;
using System.Linq;
using System.Reflection;
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

    /// <summary>One bad call per public Task-returning method of the client.</summary>
    private static readonly (string Method, Func<ZooKeeperClient, Task> Call)[] BadCalls =
    {
        ("CreateAsync", c => c.CreateAsync("no-slash", null)),
        ("DeleteAsync", c => c.DeleteAsync("/", version: -2)),
        ("ExistsAsync", c => c.ExistsAsync("/a/")),
        ("GetDataAsync", c => c.GetDataAsync("")),
        ("SetDataAsync", c => c.SetDataAsync("/", new byte[101])),
        ("GetChildrenAsync", c => c.GetChildrenAsync("/a//b")),
        ("GetAclAsync", c => c.GetAclAsync("/a/../b")),
        ("SetAclAsync", c => c.SetAclAsync("/", null!)),
        ("SyncAsync", c => c.SyncAsync("x")),
        ("MultiAsync", c => c.MultiAsync(null!)),
        ("MultiReadAsync", c => c.MultiReadAsync(new[] { Op.Delete("/x") })),
        ("AddWatchAsync", c => c.AddWatchAsync("/", AddWatchMode.Persistent, null!)),
        ("RemoveWatchesAsync", c => c.RemoveWatchesAsync("/", (WatcherType)99)),
        ("GetEphemeralsAsync", c => c.GetEphemeralsAsync("no-slash")),
        ("GetAllChildrenNumberAsync", c => c.GetAllChildrenNumberAsync("/a/")),
        ("AddAuthAsync", c => c.AddAuthAsync(null!)),
        ("AddSaslAsync", c => c.AddSaslAsync(null!)),
        ("ReconfigAsync", c => c.ReconfigAsync(new[] { "server.x=h:1:2" }, null)),
        ("GetQuotasAsync", c => c.GetQuotasAsync("/a/")),
        ("GetQuotaAsync", c => c.GetQuotaAsync("/")),
        ("SetQuotaAsync", c => c.SetQuotaAsync("/a", null!)),
        ("RemoveQuotaAsync", c => c.RemoveQuotaAsync("/zookeeper/quota")),
    };

    [Fact]
    public async Task BadArguments_AreFaultedTasks_NeverSynchronousThrows()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.MaxDataLength = 100);
        AssertFaultedTasks(client, BadCalls, typeof(ArgumentException));

        Assert.True(ZooKeeperClient.ConnectAsync(null!).IsFaulted);
        Assert.Equal(ConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task CallsOnAClosedSession_AreFaultedTasks()
    {
        var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CloseAsync().WithDeadline();
        var calls = new (string Method, Func<ZooKeeperClient, Task> Call)[]
        {
            ("CreateAsync", c => c.CreateAsync("/x", null)),
            ("ExistsAsync", c => c.ExistsAsync("/")),
            ("MultiAsync", c => c.MultiAsync(new[] { Op.Delete("/x") })),
            ("MultiReadAsync", c => c.MultiReadAsync(new[] { Op.GetData("/") })),
            ("WhoAmIAsync", c => c.WhoAmIAsync()),
            ("GetServerVersionAsync", c => c.GetServerVersionAsync()),
            ("AddAuthAsync", c => c.AddAuthAsync(AuthInfo.Digest("u", Encoding.UTF8.GetBytes("p")))),
            ("AddSaslAsync", c => c.AddSaslAsync(new SaslOptions(SaslMechanism.Gssapi))),
            ("GetConfigAsync", c => c.GetConfigAsync()),
            ("ReconfigAsync", c => c.ReconfigAsync(new long[] { 4 }.Select(id => "server." + id + "=h:1:2;3"))),
            ("GetServerModeAsync", c => c.GetServerModeAsync()),
        };
        AssertFaultedTasks(client, calls, typeof(SessionClosedException));
    }

    /// <summary>Each call returns (does not throw) a task that has already failed with <paramref name="expected"/> or a subtype.</summary>
    private static void AssertFaultedTasks(ZooKeeperClient client, (string Method, Func<ZooKeeperClient, Task> Call)[] calls, Type expected)
    {
        foreach (var (method, call) in calls)
        {
            Task? task = null;
            var thrown = Record.Exception(() => { task = call(client); });
            Assert.True(thrown is null, $"{method} threw {thrown?.GetType().Name} instead of returning a faulted task");
            Assert.True(task!.IsFaulted, $"{method} returned a task that is {task.Status}, not faulted");
            Assert.IsAssignableFrom(expected, task.Exception!.InnerException);
        }
    }

    [Fact]
    public void EveryPublicTaskMethod_HasABadCallAbove()
    {
        // Without arguments to get wrong, these fail only through the session (see CallsOnAClosedSession_AreFaultedTasks).
        var withoutArguments = new[] { "WhoAmIAsync", "GetServerVersionAsync", "GetServerModeAsync", "GetConfigAsync", "CloseAsync", "DisposeAsync" };
        var methods = typeof(ZooKeeperClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
            .Select(m => m.Name)
            .Except(withoutArguments);
        Assert.Empty(methods.Except(BadCalls.Select(b => b.Method)));
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
        Assert.Equal("user:tpUq/4Pn5A64fVZyQ0gOJ8ZWqkY=", Id.Digest("user", Encoding.UTF8.GetBytes("password")).Identity);
        Assert.Equal("digest", Id.Digest("user", Encoding.UTF8.GetBytes("password")).Scheme);
    }
}
