using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Security;

/// <summary>Two TLS servers: one with a good certificate, one presenting an expired certificate.</summary>
public sealed class TlsRefusingMemberFixture : IDisposable
{
    public TlsRefusingMemberFixture()
    {
        Certificates = TestCertificates.Create();
        var expired = Certificates.CreateExpiredServerCertificate();
        Good = ZooKeeperServer.StartStandalone(options => options.Tls = new TlsServerSettings(Certificates));
        Refusing = ZooKeeperServer.StartStandalone(options =>
            options.Tls = new TlsServerSettings(Certificates) { ServerCertificate = expired });
    }

    public TestCertificates Certificates { get; }

    public ZooKeeperServer Good { get; }

    public ZooKeeperServer Refusing { get; }

    public TlsTransport Transport()
    {
        var transport = new TlsTransport();
        transport.CertificateAuthorities.Add(X509CertificateLoader.LoadCertificateFromFile(Certificates.CaCertificatePath));
        return transport;
    }

    public void Dispose()
    {
        Refusing.Dispose();
        Good.Dispose();
        Certificates.Dispose();
    }
}

/// <summary>
/// A connection string with one member whose certificate is refused: the session opens on the other member (the
/// refusal ends the attempt only when every member refuses), and a reconnect that meets the refusing member goes on
/// to the good one without ending the session.
/// </summary>
public sealed class TlsRefusingMemberTests : IClassFixture<TlsRefusingMemberFixture>
{
    private readonly TlsRefusingMemberFixture _fixture;
    private readonly ITestOutputHelper _output;

    public TlsRefusingMemberTests(TlsRefusingMemberFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private string BothMembers => _fixture.Refusing.SecureConnectionString + "," + _fixture.Good.SecureConnectionString;

    [Fact]
    public async Task OneRefusingMember_AndOneGood_TheSessionOpensOnTheGoodOne()
    {
        // The host order is shuffled: several sessions make it likely that some meet the refusing member first.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var client = await TestClient.ConnectAsync(BothMembers, _output, o => o.Transport = _fixture.Transport());

            Assert.Equal(ConnectionState.Connected, client.State);
            Assert.Equal(_fixture.Good.SecureConnectionString, client.ConnectedServer);
        }
    }

    [Fact]
    public async Task AReconnect_ThatMeetsTheRefusingMember_GoesOnToTheGoodOne_AndKeepsTheSession()
    {
        var log = new ConcurrentQueue<string>();
        using var client = await TestClient.ConnectAsync(BothMembers, _output, o =>
        {
            o.Transport = _fixture.Transport();
            var write = o.Log!;
            o.Log = message =>
            {
                log.Enqueue(message);
                write(message);
            };
        });
        var sessionId = client.SessionId;

        // Round-robin over two members: after each drop from the good member the refusing one is tried next.
        for (var drop = 0; drop < 2; drop++)
        {
            var reconnected = client.WhenState(ConnectionState.Connected);
            client.DropConnection();
            await reconnected.WithDeadline(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(sessionId, client.SessionId);
        Assert.Equal(_fixture.Good.SecureConnectionString, client.ConnectedServer);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
        Assert.Contains(log, message => message.Contains("connect failed: " + _fixture.Refusing.SecureConnectionString) && message.Contains("has expired"));
    }
}
