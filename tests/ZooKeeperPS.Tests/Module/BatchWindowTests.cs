using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Module;

/// <summary>
/// The batch window of Get-ZkNode and Set-ZkNode. Writes that went in one multi share their mzxid (a multi is one
/// transaction), so the tests see on the server which items were batched; a frozen server keeps the first request
/// in flight, so the window is surely busy while the next items come.
/// </summary>
[Collection("ZooKeeper")]
public sealed class BatchWindowTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public BatchWindowTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task KeepsResultsAndErrorsInInputOrder_AcrossSessionsAndRejectedItems()
    {
        var root = await CreateTreeAsync(40);
        using var first = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        using var second = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var sessions = new[] { new ZkSession(first, new ConnectionLog()), new ZkSession(second, new ConnectionLog()) };
        var host = new RecordingHost();
        var seen = new List<string>();
        var window = new BatchWindow<string, DataResult>(host, new DataReadOperation(), new BatchLimits(16),
            (session, path, read) => seen.Add($"{path} {Encoding.UTF8.GetString(read.Data)} {Array.IndexOf(sessions, session)}"),
            (path, failure) => seen.Add($"{path} failed: {ZkErrors.FromException(failure, path).FullyQualifiedErrorId}"));

        var expected = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var path = i % 7 == 3 ? $"{root}/missing{i}" : $"{root}/n{i % 40:D2}";
            var session = i / 50 % 2;
            if (i % 31 == 5)
            {
                window.Reject(path, new ArgumentException("refused", "path"));
                expected.Add($"{path} failed: ZooKeeper.InvalidPath");
                continue;
            }
            window.Add(sessions[session], path);
            expected.Add(i % 7 == 3 ? $"{path} failed: ZooKeeper.NoNode" : $"{path} {ZooKeeperPath.GetName(path)} {session}");
        }
        window.Drain();

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task SendsAnItemAtOnce_WhenNothingIsInFlight()
    {
        var root = await CreateTreeAsync(1);
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var written = new List<Stat>();
        var window = Writes(new RecordingHost(), new BatchLimits(16), written, new List<string>());

        window.Add(new ZkSession(client, new ConnectionLog()), new DataWrite(root + "/n00", Encoding.UTF8.GetBytes("now")));

        // Not drained: a lone item must not wait for a fuller batch.
        var deadline = DateTime.UtcNow + TestClient.Deadline;
        while ((await client.GetDataAsync(root + "/n00").WithDeadline()).Stat.Version == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the write was not sent");
            await Task.Delay(20);
        }
        window.Drain();
        Assert.Single(written);
    }

    [Fact]
    public async Task CollectsItemsWhileBusy_FlushingWhenFull_AndWhenTheSessionChanges()
    {
        var root = await CreateTreeAsync(7);
        using var first = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        using var second = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var a = new ZkSession(first, new ConnectionLog());
        var b = new ZkSession(second, new ConnectionLog());
        var written = new List<Stat>();
        var failed = new List<string>();
        var window = Writes(new RecordingHost(), new BatchLimits(3), written, failed);

        using (new FrozenServer(_fixture.Server))
        {
            var sessions = new[] { a, a, a, b, b, b, a };
            for (var i = 0; i < sessions.Length; i++)
            {
                window.Add(sessions[i], new DataWrite($"{root}/n{i:D2}", Encoding.UTF8.GetBytes("v")));
            }
        }
        window.Drain();

        // n00 alone (nothing in flight), n01+n02 (then the session changes), n03..n05 (full), n06 (the rest).
        Assert.Empty(failed);
        var transactions = written.Select(stat => stat.Mzxid).ToArray();
        Assert.Equal(7, transactions.Length);
        Assert.Equal(new[] { 1, 2, 2, 3, 3, 3, 4 }, Groups(transactions));
    }

    [Fact]
    public async Task RedoesAFailedMultiItemByItem_SoThatOnlyTheBadItemFails()
    {
        var root = await CreateTreeAsync(3);
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var session = new ZkSession(client, new ConnectionLog());
        var written = new List<Stat>();
        var outcomes = new List<string>();
        var window = new BatchWindow<DataWrite, Stat>(new RecordingHost(), new DataWriteOperation(-1), new BatchLimits(3),
            (_, write, stat) =>
            {
                written.Add(stat);
                outcomes.Add(write.Path);
            },
            (write, failure) => outcomes.Add($"{write.Path} {((ZooKeeperException)failure).Code}"));

        using (new FrozenServer(_fixture.Server))
        {
            foreach (var name in new[] { "n00", "n01", "missing", "n02" })
            {
                window.Add(session, new DataWrite($"{root}/{name}", Encoding.UTF8.GetBytes("v")));
            }
        }
        window.Drain();

        Assert.Equal(new[] { $"{root}/n00", $"{root}/n01", $"{root}/missing NoNode", $"{root}/n02" }, outcomes);
        // n01 and n02 were batched with the missing node; redone alone, each is its own transaction.
        Assert.Equal(new[] { 1, 2, 3 }, Groups(written.Select(stat => stat.Mzxid).ToArray()));
        foreach (var name in new[] { "n00", "n01", "n02" })
        {
            Assert.Equal(1, (await client.GetDataAsync($"{root}/{name}").WithDeadline()).Stat.Version);
        }
    }

    [Fact]
    public async Task ReadsOneByOne_WhereTheServerHasNoMultiRead()
    {
        var root = await CreateTreeAsync(4);
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { FakeVersion = "3.5.10" };
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        var session = new ZkSession(client, new ConnectionLog());
        var seen = new List<string>();
        var window = new BatchWindow<string, DataResult>(new RecordingHost(), new DataReadOperation(), new BatchLimits(16),
            (_, path, read) => seen.Add(path + " " + Encoding.UTF8.GetString(read.Data)),
            (path, failure) => seen.Add(path + " " + ((ZooKeeperException)failure).Code));

        var paths = new[] { "n00", "n01", "missing", "n02", "n03" }.Select(name => $"{root}/{name}").ToArray();
        using (new FrozenServer(_fixture.Server))
        {
            foreach (var path in paths)
            {
                window.Add(session, path);
            }
        }
        window.Drain();

        Assert.Equal(paths.Select(path => path + (path.EndsWith("missing") ? " NoNode" : " " + ZooKeeperPath.GetName(path))), seen);
    }

    private BatchWindow<DataWrite, Stat> Writes(RecordingHost host, BatchLimits limits, List<Stat> written, List<string> failed) =>
        new(host, new DataWriteOperation(-1), limits, (_, _, stat) => written.Add(stat),
            (write, failure) => failed.Add(write.Path + " " + failure.Message));

    /// <summary>A fresh root with nodes n00, n01, ... whose data is their own name.</summary>
    private async Task<string> CreateTreeAsync(int nodes)
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        for (var i = 0; i < nodes; i++)
        {
            await client.CreateAsync($"{root}/n{i:D2}", Encoding.UTF8.GetBytes($"n{i:D2}")).WithDeadline();
        }
        return root;
    }

    /// <summary>Numbers the distinct values in order of appearance: equal values (one transaction) get one number.</summary>
    private static int[] Groups(long[] values) =>
        values.Select(value => Array.IndexOf(values.Distinct().ToArray(), value) + 1).ToArray();
}
