using System;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>The long fuzz run, by hand only: ZKPS_FUZZ_FRAMES=10000 (mutated frames) runs it.</summary>
public sealed class LongFuzzFactAttribute : FactAttribute
{
    public const string Variable = "ZKPS_FUZZ_FRAMES";

    public LongFuzzFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            Skip = $"The long fuzz runs by hand: set {Variable}=10000 (and optionally ZKPS_FUZZ_SEED).";
    }
}

/// <summary>
/// A standalone server for the tests that must run alone (they count process-wide unobserved task exceptions).
/// Started on first use, so a run that skips those tests starts no JVM for them.
/// </summary>
public sealed class LazyServerFixture : IDisposable
{
    private readonly Lazy<ZooKeeperServer> _server = new(() => ZooKeeperServer.StartStandalone());

    public ZooKeeperServer Server => _server.Value;

    public string UniqueRoot() => "/test-" + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}

/// <summary>Tests in this collection run after the others, one at a time, with nothing else running.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAloneCollection : ICollectionFixture<LazyServerFixture>
{
    public const string Name = "Reliability, run alone";
}
