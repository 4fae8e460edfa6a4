using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Module;

/// <summary>SubtreeRemoval counts what a removal would delete (for -WhatIf): getAllChildrenNumber from 3.6, a walk before.</summary>
[Collection("ZooKeeper")]
public sealed class SubtreeRemovalTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public SubtreeRemovalTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task CountsTheNodeAndEverythingUnderIt_OnAServerWithGetAllChildrenNumber_AndOnAnOlderOne()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        foreach (var path in new[] { "", "/a", "/a/x", "/a/y", "/b", "/b/z", "/b/z/deep" })
        {
            await client.CreateAsync(root + path, null).WithDeadline();
        }
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { FakeVersion = "3.5.10" };
        using var older = await TestClient.ConnectAsync(proxy.ConnectionString, _output);

        var counts = new List<int?>();
        foreach (var session in new[] { new ZkSession(client, new ConnectionLog()), new ZkSession(older, new ConnectionLog()) })
        {
            var host = new QuietHost();
            var removal = new SubtreeRemoval(host, session, progressId: 1);
            counts.Add(removal.Count(root));
            counts.Add(removal.Count(root + "/missing"));
            Assert.Empty(host.Failures);
        }

        Assert.Equal(new int?[] { 7, null, 7, null }, counts);
    }

    /// <summary>A host that only waits and collects failures.</summary>
    private sealed class QuietHost : IZkPipelineHost
    {
        private readonly CancellationTokenSource _stopping = new();

        public List<Exception> Failures { get; } = new();

        public CancellationToken StopToken => _stopping.Token;

        public void WaitFor(Task task, ZkSession? session) => PipelineWait.For(task, StopToken, () => { });

        public void WriteFailure(Exception failure, object? target) => Failures.Add(failure);

        public void WriteProgress(ProgressRecord progressRecord)
        {
        }
    }
}
