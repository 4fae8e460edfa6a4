using System;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests;

/// <summary>
/// One 3-server ensemble shared by the "Ensemble" collection. A test that stops or kills a member starts it again
/// (server.Start()) before it ends, so the next test finds all three serving.
/// </summary>
public sealed class EnsembleFixture : IDisposable
{
    public EnsembleFixture()
    {
        Ensemble = ZooKeeperEnsemble.Start(3);
    }

    public ZooKeeperEnsemble Ensemble { get; }

    public string ConnectionString => Ensemble.ConnectionString;

    /// <summary>A fresh absolute znode path (not created) for one test to work under.</summary>
    public string UniqueRoot() => "/test-" + Guid.NewGuid().ToString("N");

    public void Dispose() => Ensemble.Dispose();
}

[CollectionDefinition("Ensemble")]
public sealed class EnsembleCollection : ICollectionFixture<EnsembleFixture>
{
}
