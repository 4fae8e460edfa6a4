using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

[Collection("ZooKeeper")]
public sealed class PipeliningTests
{
    private const int Count = 10_000;
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public PipeliningTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task TenThousandRequestsInFlight_CompleteInOrder_WithTheirOwnResults()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(path, null).WithDeadline();

        // Each setData's reply carries the version it produced: in-order replies give 1, 2, 3, ...
        var clock = Stopwatch.StartNew();
        var writes = Enumerable.Range(0, Count).Select(i => client.SetDataAsync(path, Encoding.ASCII.GetBytes(i.ToString()))).ToArray();
        var stats = await Task.WhenAll(writes).WithDeadline();
        _output.WriteLine($"{Count} pipelined setData in {clock.ElapsedMilliseconds} ms ({Count / clock.Elapsed.TotalSeconds:0} requests/s)");
        Assert.Equal(Enumerable.Range(1, Count), stats.Select(s => s.Version));

        // Interleaved reads of different nodes get their own node's data.
        for (var i = 0; i < 10; i++) await client.CreateAsync(path + "/n" + i, Encoding.ASCII.GetBytes("node" + i)).WithDeadline();
        clock.Restart();
        var reads = Enumerable.Range(0, Count).Select(i => client.GetDataAsync(path + "/n" + (i % 10))).ToArray();
        var results = await Task.WhenAll(reads).WithDeadline();
        _output.WriteLine($"{Count} pipelined getData in {clock.ElapsedMilliseconds} ms ({Count / clock.Elapsed.TotalSeconds:0} requests/s)");
        for (var i = 0; i < Count; i++) Assert.Equal("node" + (i % 10), Encoding.ASCII.GetString(results[i].Data));
    }
    [Fact]
    public async Task CancellingSomeOfManyInFlight_LeavesEveryOtherRequestItsOwnReply()
    {
        const int Nodes = 100;
        const int Reads = 3000;
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(path, null).WithDeadline();
        await Task.WhenAll(Enumerable.Range(0, Nodes).Select(i => client.CreateAsync(path + "/n" + i, Encoding.ASCII.GetBytes("node" + i)))).WithDeadline();

        // Every 7th read has a token of its own, cancelled once all are issued: by then some of them are still queued
        // (never sent) and some are on the wire (their replies must be matched and dropped), so a cancelled request
        // that shifted the reply FIFO or the xids would hand the other reads the wrong node's data.
        var tokens = new CancellationTokenSource?[Reads];
        var reads = new Task<DataResult>[Reads];
        for (var i = 0; i < Reads; i++)
        {
            if (i % 7 == 3) tokens[i] = new CancellationTokenSource();
            reads[i] = client.GetDataAsync(path + "/n" + (i % Nodes), cancellationToken: tokens[i]?.Token ?? default);
        }

        foreach (var token in tokens) token?.Cancel();
        var cancelled = 0;
        for (var i = 0; i < Reads; i++)
        {
            try
            {
                var result = await reads[i].WithDeadline();
                Assert.Equal("node" + (i % Nodes), Encoding.ASCII.GetString(result.Data));
            }
            catch (OperationCanceledException) when (tokens[i] is not null)
            {
                cancelled++; // a read whose token was cancelled may also have had its reply first
            }
        }

        _output.WriteLine($"{cancelled} of {tokens.Count(t => t is not null)} reads with a cancelled token ended as cancelled");
        foreach (var token in tokens) token?.Dispose();
        Assert.Equal("node5", Encoding.ASCII.GetString((await client.GetDataAsync(path + "/n5").WithDeadline()).Data));
        Assert.Equal(ConnectionState.Connected, client.State);
    }
}
