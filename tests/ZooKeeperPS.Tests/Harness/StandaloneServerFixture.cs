using System;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests;

/// <summary>
/// One standalone server shared by every test class in the "ZooKeeper" collection. Tests isolate themselves
/// under <see cref="UniqueRoot"/> instead of starting servers of their own (a JVM start costs seconds).
/// </summary>
public sealed class StandaloneServerFixture : IDisposable
{
    public StandaloneServerFixture()
    {
        Server = ZooKeeperServer.StartStandalone();
    }

    public ZooKeeperServer Server { get; }

    public string ConnectionString => Server.ConnectionString;

    /// <summary>A fresh absolute znode path (not created) for one test to work under.</summary>
    public string UniqueRoot() => "/test-" + Guid.NewGuid().ToString("N");

    public void Dispose() => Server.Dispose();
}

[CollectionDefinition("ZooKeeper")]
public sealed class ZooKeeperCollection : ICollectionFixture<StandaloneServerFixture>
{
}
