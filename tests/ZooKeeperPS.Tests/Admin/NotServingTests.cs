using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Admin;

/// <summary>
/// A member that has lost its quorum answers every four-letter word with "not currently serving requests": that is
/// an error, never an empty list of connections or sessions. Two members of their own, read-only mode off, so that the
/// survivor stays without a quorum.
/// </summary>
public sealed class NotServingTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly ZooKeeperEnsemble _ensemble;

    public NotServingTests()
    {
        var options = new ZooKeeperServerOptions();
        options.SystemProperties["readonlymode.enabled"] = "false";
        _ensemble = ZooKeeperEnsemble.Start(2, options);
    }

    public void Dispose() => _ensemble.Dispose();

    [Fact]
    public async Task ConsAndDump_OfAMemberWithoutQuorum_FailSayingItDoesNotServe()
    {
        var survivor = _ensemble.Servers[0];
        _ensemble.Servers[1].Kill();
        var member = new HostEndpoint("127.0.0.1", survivor.ClientPort);
        var words = new FourLetterWordClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await words.SendAsync(member, "srvr", Timeout).WithDeadline()).Contains("not currently serving"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the survivor kept serving without its quorum");
            await Task.Delay(200);
        }

        var cons = new WordOrAdminCommand<IReadOnlyList<ClientConnection>>("cons", "connections", ClientConnection.ParseCons,
            ClientConnection.FromConnectionsCommand) { Source = ServerStatusSource.FourLetterWords };
        var dump = new WordOrAdminCommand<IReadOnlyList<SessionEphemerals>>("dump", "dump", SessionEphemerals.ParseDump,
            SessionEphemerals.FromDumpCommand) { Source = ServerStatusSource.FourLetterWords };

        var consFailure = await Assert.ThrowsAsync<IOException>(() => cons.AskAsync(member, Timeout).WithDeadline());
        var dumpFailure = await Assert.ThrowsAsync<IOException>(() => dump.AskAsync(member, Timeout).WithDeadline());
        Assert.Contains("not serving requests", consFailure.Message);
        Assert.Contains("not serving requests", dumpFailure.Message);
    }
}
