using System;
using System.Linq;
using System.Threading;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Harness;

[Collection("Ensemble")]
public sealed class SharedEnsembleTests
{
    private readonly EnsembleFixture _fixture;

    public SharedEnsembleTests(EnsembleFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void KilledFollower_RejoinsAsFollowerAfterStart()
    {
        ZooKeeperServer leader = _fixture.Ensemble.Leader();
        ZooKeeperServer follower = _fixture.Ensemble.Servers.First(s => s != leader);

        follower.Kill();
        Assert.Equal("leader", leader.Mode());
        follower.Start();

        // A restarted member may serve read-only for a moment before it finds the leader.
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (follower.Mode() != "follower" && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        Assert.Equal("follower", follower.Mode());
    }
}
