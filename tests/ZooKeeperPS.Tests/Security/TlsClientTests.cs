using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Security;

/// <summary>Our client's TLS transport against real TLS servers: one without and one with ssl.clientAuth=need.</summary>
public sealed class TlsClientFixture : IDisposable
{
    public TlsClientFixture()
    {
        Certificates = TestCertificates.Create();
        Alice = Certificates.CreateClientCertificate("alice");
        Bob = Certificates.CreateClientCertificate("bob");
        Server = ZooKeeperServer.StartStandalone(options => options.Tls = new TlsServerSettings(Certificates));
        MutualServer = ZooKeeperServer.StartStandalone(options =>
            options.Tls = new TlsServerSettings(Certificates) { ClientAuth = TlsClientAuth.Need });
    }

    public TestCertificates Certificates { get; }

    public TestCertificate Alice { get; }

    public TestCertificate Bob { get; }

    public ZooKeeperServer Server { get; }

    public ZooKeeperServer MutualServer { get; }

    /// <summary>A TLS transport trusting the test CA, over <paramref name="inner"/> (plain TCP when null).</summary>
    public TlsTransport Transport(TestCertificate? clientCertificate = null, IConnectionTransport? inner = null)
    {
        var transport = new TlsTransport(inner);
        transport.CertificateAuthorities.Add(X509CertificateLoader.LoadCertificateFromFile(Certificates.CaCertificatePath));
        if (clientCertificate is not null)
            transport.ClientCertificate = X509CertificateLoader.LoadPkcs12FromFile(clientCertificate.PfxPath, clientCertificate.PfxPassword);
        return transport;
    }

    public void Dispose()
    {
        MutualServer.Dispose();
        Server.Dispose();
        Certificates.Dispose();
    }
}

public sealed class TlsClientTests : IClassFixture<TlsClientFixture>
{
    private readonly TlsClientFixture _fixture;
    private readonly ITestOutputHelper _output;

    public TlsClientTests(TlsClientFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task ASessionOverTls_ReadsWritesAndWatches_AndReconnectsOverTls()
    {
        var path = "/tls-client-" + Guid.NewGuid().ToString("N");
        var tcp = new CountingTransport();
        using var client = await TestClient.ConnectAsync(_fixture.Server.SecureConnectionString, _output,
            o => o.Transport = _fixture.Transport(inner: tcp));
        var events = new BlockingCollection<WatchedEvent>();

        await client.CreateAsync(path, Encoding.UTF8.GetBytes("over-tls")).WithDeadline();
        var read = await client.GetDataAsync(path, events.Add).WithDeadline();
        var reconnected = client.WhenState(ConnectionState.Connected);
        client.DropConnection();
        await reconnected.WithDeadline();
        await client.SetDataAsync(path, Encoding.UTF8.GetBytes("after-reconnect")).WithDeadline();

        Assert.Equal("over-tls", Encoding.UTF8.GetString(read.Data));
        Assert.Equal(EventType.NodeDataChanged, TestClient.NextNodeEvent(events).Type);
        Assert.Equal("after-reconnect", Encoding.UTF8.GetString((await client.GetDataAsync(path).WithDeadline()).Data));
        // The secure port speaks only TLS, so every connection counted underneath carried TLS; the reconnect is one of them.
        Assert.True(tcp.Connections >= 2, $"{tcp.Connections} connections");
        Assert.All(tcp.Servers, server => Assert.Equal(_fixture.Server.SecureClientPort, server.Port));
    }

    [Fact]
    public async Task AFourLetterWord_GoesOverTls()
    {
        var words = new FourLetterWordClient(_fixture.Transport());

        var answer = await words.SendAsync(_fixture.Server.SecureConnectionString, "srvr", TimeSpan.FromSeconds(10)).WithDeadline();

        Assert.Contains("Zookeeper version:", answer);
    }

    [Fact]
    public async Task WithoutAGivenCa_TheMachineTrustStoreDecides_AndDoesNotTrustTheTestCa()
    {
        var error = await ConnectFailureAsync(_fixture.Server, new TlsTransport());

        Assert.Contains($"the server certificate for 127.0.0.1 is not trusted", error.Message);
    }

    [Fact]
    public async Task AnotherCa_IsNotTrusted_EvenWhenTheServerCertificateIsValid()
    {
        using var strangers = TestCertificates.Create();
        var transport = new TlsTransport();
        transport.CertificateAuthorities.Add(X509CertificateLoader.LoadCertificateFromFile(strangers.CaCertificatePath));

        var error = await ConnectFailureAsync(_fixture.Server, transport);

        Assert.Contains("is not trusted (it is issued by CN=ZooKeeperPS Test CA", error.Message);
    }

    [Theory]
    [InlineData("expired", "the server certificate for 127.0.0.1 has expired")]
    [InlineData("wrong-host", "the server certificate for 127.0.0.1 does not match the host name 127.0.0.1")]
    [InlineData("unknown-ca", "the server certificate for 127.0.0.1 is not trusted")]
    public async Task ABadServerCertificate_IsRefusedSayingWhy_AndAcceptedWhenTheCheckIsSkipped(string kind, string reason)
    {
        var certificates = _fixture.Certificates;
        var presented = kind switch
        {
            "expired" => certificates.CreateExpiredServerCertificate(),
            "wrong-host" => certificates.CreateWrongHostServerCertificate(),
            _ => certificates.CreateUnknownCaServerCertificate(),
        };
        using var server = ZooKeeperServer.StartStandalone(options =>
            options.Tls = new TlsServerSettings(certificates) { ServerCertificate = presented });

        var error = await ConnectFailureAsync(server, _fixture.Transport());
        var skipping = _fixture.Transport();
        skipping.SkipCertificateCheck = true;
        using var client = await TestClient.ConnectAsync(server.SecureConnectionString, _output, o => o.Transport = skipping);

        Assert.Contains(reason, error.Message);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
    }

    [Fact]
    public async Task MutualTls_AnX509AclAdmitsTheCertificateItNames_AndRefusesAnother()
    {
        var path = "/x509-client-" + Guid.NewGuid().ToString("N");
        var hosts = _fixture.MutualServer.SecureConnectionString;
        using var alice = await TestClient.ConnectAsync(hosts, _output, o => o.Transport = _fixture.Transport(_fixture.Alice));
        using var bob = await TestClient.ConnectAsync(hosts, _output, o => o.Transport = _fixture.Transport(_fixture.Bob));

        await alice.CreateAsync(path, Encoding.UTF8.GetBytes("for-alice"), CreateMode.Persistent,
            new[] { new Acl(Perms.All, new Id("x509", _fixture.Alice.Subject)) }).WithDeadline();
        var read = await alice.GetDataAsync(path).WithDeadline();
        var denied = await Assert.ThrowsAsync<ZooKeeperException>(() => bob.GetDataAsync(path).WithDeadline());

        Assert.Equal("for-alice", Encoding.UTF8.GetString(read.Data));
        Assert.Equal(ErrorCode.NoAuth, denied.Code);
        Assert.Equal(new Id("x509", _fixture.Alice.Subject), Assert.Single((await alice.GetAclAsync(path).WithDeadline()).Acl).Id);
    }

    [Fact]
    public async Task MutualTls_WithoutAClientCertificate_FailsTheHandshake()
    {
        var error = await ConnectFailureAsync(_fixture.MutualServer, _fixture.Transport());

        Assert.Contains($"the TLS connection to {_fixture.MutualServer.SecureConnectionString} failed: ", error.Message);
        Assert.Contains("the server requires a client certificate signed by a CA it trusts, and got none or another", error.Message);
    }

    [Theory]
    [InlineData("TLSv1.2")]
    [InlineData("TLSv1.3")]
    public async Task TheDefaultProtocols_ReachAServerThatSpeaksOnly(string protocol)
    {
        var tls = new TlsServerSettings(_fixture.Certificates);
        tls.Protocols.Clear();
        tls.Protocols.Add(protocol);
        using var server = ZooKeeperServer.StartStandalone(options => options.Tls = tls);

        using var client = await TestClient.ConnectAsync(server.SecureConnectionString, _output, o => o.Transport = _fixture.Transport());

        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
    }

    /// <summary>
    /// Connects with a generous 20 s ConnectTimeout: a refused certificate must be reported at once, well before it,
    /// naming the reason (the bound is half the timeout, far above a handshake's milliseconds, so load does not matter).
    /// </summary>
    private async Task<AuthenticationException> ConnectFailureAsync(ZooKeeperServer server, TlsTransport transport)
    {
        var connectTimeout = TimeSpan.FromSeconds(20);
        var options = new ZooKeeperClientOptions
        {
            ConnectionString = server.SecureConnectionString,
            ConnectTimeout = connectTimeout,
            Transport = transport,
            Log = message => _output.WriteLine(message),
        };
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<AuthenticationException>(() => ZooKeeperClient.ConnectAsync(options).WithDeadline(TimeSpan.FromSeconds(40)));
        watch.Stop();
        _output.WriteLine($"{watch.ElapsedMilliseconds} ms: {error.Message}");
        Assert.True(watch.Elapsed < TimeSpan.FromTicks(connectTimeout.Ticks / 2),
            $"the refusal took {watch.Elapsed.TotalSeconds:0.0} s of a {connectTimeout.TotalSeconds} s ConnectTimeout: {error.Message}");
        return error;
    }
}

/// <summary>An ensemble of its own with TLS on every member: the test kills the member the session is connected to.</summary>
public sealed class TlsFailoverTests
{
    private readonly ITestOutputHelper _output;

    public TlsFailoverTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task KillingTheConnectedTlsMember_MovesTheSessionToAnotherOverTls()
    {
        using var certificates = TestCertificates.Create();
        using var ensemble = ZooKeeperEnsemble.Start(3, options => options.Tls = new TlsServerSettings(certificates));
        var transport = new TlsTransport();
        transport.CertificateAuthorities.Add(X509CertificateLoader.LoadCertificateFromFile(certificates.CaCertificatePath));
        var path = "/tls-failover-" + Guid.NewGuid().ToString("N");
        using var client = await TestClient.ConnectAsync(ensemble.SecureConnectionString, _output, o => o.Transport = transport);
        await client.CreateAsync(path, Encoding.UTF8.GetBytes("survives"), CreateMode.Ephemeral).WithDeadline();
        var sessionId = client.SessionId;
        var connected = ensemble.Servers.Single(s => s.SecureConnectionString == client.ConnectedServer);
        var reconnected = client.WhenState(ConnectionState.Connected);

        connected.Kill();
        await reconnected.WithDeadline(TimeSpan.FromSeconds(30));

        Assert.NotEqual(connected.SecureConnectionString, client.ConnectedServer);
        Assert.Contains(client.ConnectedServer, ensemble.SecureConnectionString.Split(','));
        Assert.Equal(sessionId, client.SessionId);
        Assert.Equal("survives", Encoding.UTF8.GetString((await client.GetDataAsync(path).WithDeadline()).Data));
    }
}
