using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Client;

/// <summary>
/// Read-only mode on an _ensemble of its own: the test takes the quorum away, and a read-only server can only open
/// sessions when local sessions are enabled (otherwise it refuses every session with NotReadOnly).
/// </summary>
public sealed class ReadOnlyModeTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly ZooKeeperEnsemble _ensemble;

    public ReadOnlyModeTests(ITestOutputHelper output)
    {
        _output = output;
        var options = new ZooKeeperServerOptions();
        options.Config["localSessionsEnabled"] = "true";
        options.Config["localSessionsUpgradingEnabled"] = "true";
        _ensemble = ZooKeeperEnsemble.Start(3, options);
    }

    public void Dispose() => _ensemble.Dispose();

    [Fact]
    public async Task WithoutQuorum_ANewClientGetsAReadOnlySession_AndMovesToReadWriteWhenQuorumReturns()
    {
        var root = "/read-only";
        using (var setup = await TestClient.ConnectAsync(_ensemble.ConnectionString, _output))
            await setup.CreateAsync(root, Encoding.UTF8.GetBytes("kept")).WithDeadline();
        var survivor = _ensemble.Servers[0];
        var others = _ensemble.Servers.Skip(1).ToArray();
        try
        {
            foreach (var other in others) other.Kill();
            var clock = Stopwatch.StartNew();
            while (survivor.FourLetterWord("isro") != "ro")
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the survivor never became read-only");
                await Task.Delay(200);
            }

            // A global session may not move to a read-only server, so only a new client gets a (local) read-only session.
            using var client = await TestClient.ConnectAsync(_ensemble.ConnectionString, _output, o => o.AllowReadOnly = true);
            Assert.Equal(ConnectionState.ConnectedReadOnly, client.State);
            Assert.Equal(survivor.ConnectionString, client.ConnectedServer);
            Assert.Equal("kept", Encoding.UTF8.GetString((await client.GetDataAsync(root).WithDeadline()).Data));
            var write = await Assert.ThrowsAsync<ZooKeeperException>(() => client.SetDataAsync(root, new byte[1]).WithDeadline());
            Assert.Equal(ErrorCode.NotReadOnly, write.Code);
            var readOnlySession = client.SessionId;

            var readWrite = client.WhenState(ConnectionState.Connected);
            clock.Restart();
            foreach (var other in others) other.Start();
            await readWrite.WithDeadline(TimeSpan.FromSeconds(60));
            _output.WriteLine($"read/write on {client.ConnectedServer} {clock.ElapsedMilliseconds} ms after restarting the others");
            Assert.NotEqual(readOnlySession, client.SessionId); // a read-only session is local to its server
            await client.SetDataAsync(root, new byte[1]).WithDeadline();
        }
        finally
        {
            foreach (var other in others)
                if (!other.IsRunning) other.Start();
        }
    }

}
