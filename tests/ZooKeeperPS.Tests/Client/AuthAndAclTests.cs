using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

[Collection("ZooKeeper")]
public sealed class AuthAndAclTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public AuthAndAclTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task DigestAcl_DeniesOthers_AllowsTheUser()
    {
        var path = _fixture.UniqueRoot();
        using var owner = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.Auth.Add(AuthInfo.Digest("alice", Encoding.UTF8.GetBytes("secret"))));
        await owner.CreateAsync(path, Encoding.UTF8.GetBytes("private"), acl: Acl.CreatorAll).WithDeadline();

        var acl = await owner.GetAclAsync(path).WithDeadline();
        var entry = Assert.Single(acl.Acl);
        Assert.Equal(Perms.All, entry.Perms);
        Assert.Equal(Id.Digest("alice", Encoding.UTF8.GetBytes("secret")), entry.Id);

        using var stranger = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var denied = await Assert.ThrowsAsync<ZooKeeperException>(() => stranger.GetDataAsync(path).WithDeadline());
        Assert.Equal(ErrorCode.NoAuth, denied.Code);
        Assert.Equal(path, denied.Path);

        await stranger.AddAuthAsync(AuthInfo.Digest("alice", Encoding.UTF8.GetBytes("secret"))).WithDeadline();
        Assert.Equal("private", Encoding.UTF8.GetString((await stranger.GetDataAsync(path).WithDeadline()).Data));
    }

    [Fact]
    public async Task SetAcl_ChangesPermissions_AndChecksTheAclVersion()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(path, null).WithDeadline();
        var bad = await Assert.ThrowsAsync<ZooKeeperException>(() => client.SetAclAsync(path, Acl.ReadUnsafe, version: 3).WithDeadline());
        Assert.Equal(ErrorCode.BadVersion, bad.Code);
        var stat = await client.SetAclAsync(path, Acl.ReadUnsafe, version: 0).WithDeadline();
        Assert.Equal(1, stat.Aversion);

        var noWrite = await Assert.ThrowsAsync<ZooKeeperException>(() => client.SetDataAsync(path, new byte[1]).WithDeadline());
        Assert.Equal(ErrorCode.NoAuth, noWrite.Code);
        Assert.Equal(Acl.ReadUnsafe.ToArray(), (await client.GetAclAsync(path).WithDeadline()).Acl.ToArray());
    }

    [Fact]
    public async Task CreatorAllWithoutCredentials_IsInvalidAcl()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync(_fixture.UniqueRoot(), null, acl: Acl.CreatorAll).WithDeadline());
        Assert.Equal(ErrorCode.InvalidAcl, error.Code);
    }

    [Fact]
    public async Task Auth_IsReplayedAfterReconnect()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.AddAuthAsync(AuthInfo.Digest("bob", Encoding.UTF8.GetBytes("pw"))).WithDeadline();
        await client.CreateAsync(path, Encoding.UTF8.GetBytes("x"), acl: new[] { new Acl(Perms.All, Id.Digest("bob", Encoding.UTF8.GetBytes("pw"))) }).WithDeadline();

        var sessionId = client.SessionId;
        var reconnected = client.WhenState(ConnectionState.Connected);
        client.DropConnection();
        await reconnected.WithDeadline();
        Assert.Equal(sessionId, client.SessionId);

        Assert.Equal("x", Encoding.UTF8.GetString((await client.GetDataAsync(path).WithDeadline()).Data));
    }

    [Fact]
    public async Task SuperUser_ReadsEverything()
    {
        var path = _fixture.UniqueRoot();
        using var owner = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.Auth.Add(AuthInfo.Digest("carol", Encoding.UTF8.GetBytes("pw"))));
        await owner.CreateAsync(path, Encoding.UTF8.GetBytes("s"), acl: Acl.CreatorAll).WithDeadline();
        using var super = await TestClient.ConnectAsync(_fixture.ConnectionString, _output,
            o => o.Auth.Add(AuthInfo.Digest(TestHarness.ZooKeeperServer.SuperUser, Encoding.UTF8.GetBytes(TestHarness.ZooKeeperServer.SuperPassword))));
        Assert.Equal("s", Encoding.UTF8.GetString((await super.GetDataAsync(path).WithDeadline()).Data));
    }

    [Fact]
    public async Task UnknownAuthScheme_FailsConnectWithAuthFailed()
    {
        var options = new ZooKeeperClientOptions { ConnectionString = _fixture.ConnectionString, ConnectTimeout = TimeSpan.FromSeconds(10) };
        options.Auth.Add(new AuthInfo("no-such-scheme", new byte[] { 1 }));
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => ZooKeeperClient.ConnectAsync(options).WithDeadline());
        Assert.Equal(ErrorCode.AuthFailed, error.Code);
    }

    [Fact]
    public async Task RejectedAddAuth_EndsTheSessionAsAuthFailed()
    {
        var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var failed = client.WhenState(ConnectionState.AuthFailed);
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.AddAuthAsync(new AuthInfo("no-such-scheme", new byte[] { 1 })).WithDeadline());
        Assert.Equal(ErrorCode.AuthFailed, error.Code);
        await failed.WithDeadline();
        var later = await Assert.ThrowsAsync<ZooKeeperException>(() => client.ExistsAsync("/").WithDeadline());
        Assert.Equal(ErrorCode.AuthFailed, later.Code);
        client.Dispose();
    }

    [Fact]
    public async Task WhoAmI_ListsTheSessionsIdentities()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.Auth.Add(AuthInfo.Digest("dave", Encoding.UTF8.GetBytes("pw"))));
        var identities = await client.WhoAmIAsync().WithDeadline();
        Assert.Contains(identities, i => i.AuthScheme == "digest" && i.User == "dave");
        Assert.Contains(identities, i => i.AuthScheme == "ip" && i.User == "127.0.0.1");
    }
}
