using System;
using System.Security;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Auth;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Security;

/// <summary>The client's own SASL DIGEST-MD5 login against the real SASL server of <see cref="SaslDigestFixture"/>.</summary>
public sealed class SaslClientTests : IClassFixture<SaslDigestFixture>
{
    private readonly SaslDigestFixture _fixture;
    private readonly ITestOutputHelper _output;

    public SaslClientTests(SaslDigestFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task GoodPassword_LogsInAsTheSaslUser_WhomASaslAclAdmits_AndAnotherUserIsRefused()
    {
        var path = "/sasl-client-" + Guid.NewGuid().ToString("N");
        using (var alice = await ConnectAsync(SaslServerSettings.DigestUser, SaslServerSettings.DigestPassword))
        {
            await alice.CreateAsync(path, Encoding.UTF8.GetBytes("for-alice"),
                acl: new[] { new Acl(Perms.All, new Id("sasl", SaslServerSettings.DigestUser)) }).WithDeadline();
            Assert.Equal("for-alice", Encoding.UTF8.GetString((await alice.GetDataAsync(path).WithDeadline()).Data));
        }

        using var bob = await ConnectAsync(SaslServerSettings.OtherDigestUser, SaslServerSettings.OtherDigestPassword);
        var denied = await Assert.ThrowsAsync<ZooKeeperException>(() => bob.GetDataAsync(path).WithDeadline());
        Assert.Equal(ErrorCode.NoAuth, denied.Code);
    }

    [Fact]
    public async Task WrongPassword_FailsTheConnectWithAuthFailed_NamingTheMechanismAndTheServersAnswer()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<ZooKeeperException>(() => ConnectAsync(SaslServerSettings.DigestUser, "not-the-password"));
        watch.Stop();

        Assert.Equal(ErrorCode.AuthFailed, failure.Code);
        // At once, not after the 15 s ConnectTimeout of TestClient: the bound is half of it.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(7.5), $"the refusal took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("DIGEST-MD5", failure.Message);
        Assert.Contains("answered AuthFailed", failure.Message);
        Assert.Contains("'alice'", failure.Message);
        Assert.DoesNotContain("not-the-password", failure.ToString());
    }

    [Fact]
    public async Task AfterADroppedConnection_TheLoginIsRedone_SoTheSaslAclStillAdmits()
    {
        var path = "/sasl-reconnect-" + Guid.NewGuid().ToString("N");
        var transport = new CountingTransport();
        using var client = await TestClient.ConnectAsync(_fixture.Server.ConnectionString, _output, options =>
        {
            options.Transport = transport;
            options.Sasl = DigestOptions(SaslServerSettings.DigestUser, SaslServerSettings.DigestPassword);
        });
        await client.CreateAsync(path, Encoding.UTF8.GetBytes("x"),
            acl: new[] { new Acl(Perms.All, new Id("sasl", SaslServerSettings.DigestUser)) }).WithDeadline();

        var sessionId = client.SessionId;
        var reconnected = client.WhenState(ConnectionState.Connected);
        client.DropConnection();
        await reconnected.WithDeadline();

        // The server keeps authentication per connection: without a new login the ACL would answer NoAuth.
        Assert.Equal("x", Encoding.UTF8.GetString((await client.GetDataAsync(path).WithDeadline()).Data));
        Assert.Equal(sessionId, client.SessionId);
        Assert.Equal(2, transport.Connections);
    }

    [Fact]
    public async Task AServerThatRequiresAuthentication_ServesTheSaslSession()
    {
        using var server = ZooKeeperServer.StartStandalone(options =>
        {
            options.Sasl = SaslServerSettings.Digest();
            options.Sasl.RequireAuthentication = true;
        });
        using var client = await TestClient.ConnectAsync(server.ConnectionString, _output,
            options => options.Sasl = DigestOptions(SaslServerSettings.DigestUser, SaslServerSettings.DigestPassword));

        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
        var path = await client.CreateAsync("/required-" + Guid.NewGuid().ToString("N"), null).WithDeadline();
        Assert.NotNull(await client.ExistsAsync(path.Path).WithDeadline());
    }

    [Fact]
    public void DigestMd5_ComputesRfc2831sWorkedExample_AndChecksTheServersRspAuth()
    {
        // RFC 2831 section 4: chris/secret logging in to imap/elwood.innosoft.com.
        using var mechanism = new DigestMd5Mechanism("chris", Secure("secret"), "imap", "elwood.innosoft.com", () => "OA6MHXh6VqTrRk");
        var response = Encoding.UTF8.GetString(mechanism.Evaluate(Encoding.UTF8.GetBytes(
            "realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",qop=\"auth\",algorithm=md5-sess,charset=utf-8"))!);

        Assert.Contains("response=d388dad90d4bbd760a152321f2143af7", response);
        Assert.Contains("digest-uri=\"imap/elwood.innosoft.com\"", response);
        Assert.Contains("username=\"chris\"", response);
        Assert.DoesNotContain("secret", response);
        Assert.Throws<SaslException>(() => mechanism.Evaluate(Encoding.UTF8.GetBytes("rspauth=00000000000000000000000000000000")));
        Assert.Null(mechanism.Evaluate(Encoding.UTF8.GetBytes("rspauth=ea40f60335c427b5527b84dbabcdfffd")));
    }

    [Fact]
    public void SaslOptions_ToString_NamesTheMechanismAndUser_NotThePassword()
    {
        var options = DigestOptions("alice", "very-secret-words");

        Assert.Equal("DIGEST-MD5 as alice", options.ToString());
    }

    private Task<ZooKeeperClient> ConnectAsync(string user, string password) =>
        TestClient.ConnectAsync(_fixture.Server.ConnectionString, _output, options => options.Sasl = DigestOptions(user, password));

    private static SaslOptions DigestOptions(string user, string password) => new(SaslMechanism.DigestMd5, user, Secure(password));

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }
}
