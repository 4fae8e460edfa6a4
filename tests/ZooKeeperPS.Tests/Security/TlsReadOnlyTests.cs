using System;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Security;

/// <summary>
/// Read-only mode over TLS, on an ensemble of its own: the read-only session, and the search for a read-write server
/// (isro probes, then the move), all go through the TLS transport to the secure ports.
/// </summary>
public sealed class TlsReadOnlyTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TestCertificates _certificates;
    private readonly ZooKeeperEnsemble _ensemble;

    public TlsReadOnlyTests(ITestOutputHelper output)
    {
        _output = output;
        _certificates = TestCertificates.Create();
        var options = new ZooKeeperServerOptions { Tls = new TlsServerSettings(_certificates) };
        // A read-only server opens only local sessions (see ReadOnlyModeTests).
        options.Config["localSessionsEnabled"] = "true";
        options.Config["localSessionsUpgradingEnabled"] = "true";
        _ensemble = ZooKeeperEnsemble.Start(3, options);
    }

    public void Dispose()
    {
        _ensemble.Dispose();
        _certificates.Dispose();
    }

    [Fact]
    public async Task WithoutQuorum_ATlsClientGetsAReadOnlySession_AndFindsTheReadWriteServersOverTls()
    {
        var root = "/tls-read-only";
        using (var setup = await TestClient.ConnectAsync(_ensemble.SecureConnectionString, _output, o => o.Transport = Transport()))
            await setup.CreateAsync(root, Encoding.UTF8.GetBytes("kept")).WithDeadline();
        var survivor = _ensemble.Servers[0];
        var others = _ensemble.Servers.Skip(1).ToArray();
        try
        {
            foreach (var other in others) other.Kill();
            var clock = Stopwatch.StartNew();
            while (survivor.SecureFourLetterWord("isro") != "ro")
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the survivor never became read-only");
                await Task.Delay(200);
            }

            using var client = await TestClient.ConnectAsync(_ensemble.SecureConnectionString, _output, o =>
            {
                o.Transport = Transport();
                o.AllowReadOnly = true;
            });
            Assert.Equal(ConnectionState.ConnectedReadOnly, client.State);
            Assert.Equal(survivor.SecureConnectionString, client.ConnectedServer);
            Assert.Equal("kept", Encoding.UTF8.GetString((await client.GetDataAsync(root).WithDeadline()).Data));

            var readWrite = client.WhenState(ConnectionState.Connected);
            foreach (var other in others) other.Start();
            await readWrite.WithDeadline(TimeSpan.FromSeconds(60));

            Assert.Contains(client.ConnectedServer, _ensemble.SecureConnectionString.Split(','));
            await client.SetDataAsync(root, new byte[1]).WithDeadline();
        }
        finally
        {
            foreach (var other in others)
                if (!other.IsRunning) other.Start();
        }
    }

    private TlsTransport Transport()
    {
        var transport = new TlsTransport();
        transport.CertificateAuthorities.Add(X509CertificateLoader.LoadCertificateFromFile(_certificates.CaCertificatePath));
        return transport;
    }
}
