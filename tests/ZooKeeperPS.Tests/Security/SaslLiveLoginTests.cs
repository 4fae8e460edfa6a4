using System;
using System.Linq;
using System.Security;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Security;

/// <summary>
/// AddSaslAsync: a SASL DIGEST-MD5 login on a session that connected without one, against the real SASL server of
/// <see cref="SaslDigestFixture"/> (ZooKeeper answers opcode 102 on an established session, per connection).
/// </summary>
public sealed class SaslLiveLoginTests : IClassFixture<SaslDigestFixture>
{
    private readonly SaslDigestFixture _fixture;
    private readonly ITestOutputHelper _output;

    public SaslLiveLoginTests(SaslDigestFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task ALoginOnALiveSession_AdmitsItToASaslAcl_AndIsRedoneAfterAReconnect()
    {
        var path = await SaslOnlyNodeAsync();
        using var client = await TestClient.ConnectAsync(_fixture.Server.ConnectionString, _output);
        var before = await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync(path).WithDeadline());

        await client.AddSaslAsync(Alice()).WithDeadline();
        var after = await client.GetDataAsync(path).WithDeadline();
        var identities = await client.WhoAmIAsync().WithDeadline();
        var sessionId = client.SessionId;
        var reconnected = client.WhenState(ConnectionState.Connected);
        client.DropConnection();
        await reconnected.WithDeadline();
        // Authentication is per connection: only a login redone on the new one lets the ACL admit it again.
        var afterReconnect = await client.GetDataAsync(path).WithDeadline();

        Assert.Equal(ErrorCode.NoAuth, before.Code);
        Assert.Equal("for-alice", Encoding.UTF8.GetString(after.Data));
        Assert.Contains(identities, identity => identity.AuthScheme == "sasl" && identity.User == SaslServerSettings.DigestUser);
        Assert.Equal(new[] { "sasl:" + SaslServerSettings.DigestUser }, client.Identities);
        Assert.Equal("for-alice", Encoding.UTF8.GetString(afterReconnect.Data));
        Assert.Equal(sessionId, client.SessionId);
    }

    [Fact]
    public async Task RequestsInFlight_DuringTheLogin_AllGetTheirOwnReplies()
    {
        var transport = new CountingTransport();
        using var client = await TestClient.ConnectAsync(_fixture.Server.ConnectionString, _output, o => o.Transport = transport);

        // The server answers SASL steps at once, ahead of requests still in its pipeline: they must not be mixed up.
        var reads = Enumerable.Range(0, 300).Select(_ => client.ExistsAsync("/zookeeper")).ToArray();
        var login = client.AddSaslAsync(Alice());
        var more = Enumerable.Range(0, 300).Select(_ => client.ExistsAsync("/zookeeper")).ToArray();
        await login.WithDeadline();
        var stats = await Task.WhenAll(reads.Concat(more)).WithDeadline();

        Assert.All(stats, Assert.NotNull);
        Assert.Equal(1, transport.Connections);
    }

    [Fact]
    public async Task AWrongPassword_FailsTheLoginWithAuthFailedNamingTheMechanism_AndKeepsTheSession()
    {
        using var client = await TestClient.ConnectAsync(_fixture.Server.ConnectionString, _output);
        var sessionId = client.SessionId;
        var reconnected = client.WhenState(ConnectionState.Connected);

        var failure = await Assert.ThrowsAsync<ZooKeeperException>(() =>
            client.AddSaslAsync(new SaslOptions(SaslMechanism.DigestMd5, SaslServerSettings.DigestUser, Secure("not-the-password"))).WithDeadline());
        // The server drops the connection after a failed login; the session comes back on a new one, without the login.
        await reconnected.WithDeadline();

        Assert.Equal(ErrorCode.AuthFailed, failure.Code);
        Assert.Contains("DIGEST-MD5", failure.Message);
        Assert.Contains("'alice'", failure.Message);
        Assert.DoesNotContain("not-the-password", failure.ToString());
        Assert.Equal(sessionId, client.SessionId);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
        Assert.Empty(client.Identities);
        // The failed login left no claim behind: a good one still works.
        await client.AddSaslAsync(Alice()).WithDeadline();
        Assert.Equal(new[] { "sasl:" + SaslServerSettings.DigestUser }, client.Identities);
    }

    [Fact]
    public async Task ASecondSaslLogin_IsRefusedBeforeAnythingIsSent()
    {
        using var client = await TestClient.ConnectAsync(_fixture.Server.ConnectionString, _output, o => o.Sasl = Alice());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.AddSaslAsync(new SaslOptions(SaslMechanism.DigestMd5, SaslServerSettings.OtherDigestUser, Secure(SaslServerSettings.OtherDigestPassword))).WithDeadline());

        Assert.Contains("already has a SASL login (DIGEST-MD5 as alice)", refused.Message);
        Assert.Equal(ConnectionState.Connected, client.State);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
    }

    /// <summary>A node only sasl:alice may use, made by a session that logged in as alice when it connected.</summary>
    private async Task<string> SaslOnlyNodeAsync()
    {
        var path = "/sasl-live-" + Guid.NewGuid().ToString("N");
        using var alice = await TestClient.ConnectAsync(_fixture.Server.ConnectionString, _output, o => o.Sasl = Alice());
        await alice.CreateAsync(path, Encoding.UTF8.GetBytes("for-alice"),
            acl: new[] { new Acl(Perms.All, new Id("sasl", SaslServerSettings.DigestUser)) }).WithDeadline();
        return path;
    }

    private static SaslOptions Alice() => new(SaslMechanism.DigestMd5, SaslServerSettings.DigestUser, Secure(SaslServerSettings.DigestPassword));

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}
