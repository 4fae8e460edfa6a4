using System.Linq;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Harness;

/// <summary>An ensemble of its own: the test kills its leader, so it does not use the shared one.</summary>
public sealed class EnsembleTests
{
    [Fact]
    public void Ensemble_HasOneLeader_KeepsAQuorumWhenAMemberIsKilled_AndDisposeLeavesNoProcess()
    {
        int[] pids;
        using (var ensemble = ZooKeeperEnsemble.Start(3))
        {
            pids = ensemble.Servers.Select(s => s.ProcessId).ToArray();
            Assert.Equal(3, ensemble.ConnectionString.Split(',').Length);
            Assert.Equal(new[] { "follower", "follower", "leader" }, ensemble.Servers.Select(s => s.Mode()).OrderBy(m => m));

            ZooKeeperServer oldLeader = ensemble.Leader();
            int oldLeaderPid = oldLeader.ProcessId;
            oldLeader.Kill();

            Assert.True(ProcessCheck.IsGone(oldLeaderPid));
            ZooKeeperServer newLeader = ensemble.Leader();
            Assert.NotSame(oldLeader, newLeader);
            foreach (ZooKeeperServer survivor in ensemble.Servers.Where(s => s != oldLeader))
            {
                Assert.Matches("Mode: (leader|follower)", survivor.FourLetterWord("srvr"));
            }
        }

        Assert.All(pids, pid => Assert.True(ProcessCheck.IsGone(pid)));
    }
}
