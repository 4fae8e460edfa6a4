using System.Diagnostics;
using System.Linq;
using System.Text;
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
}
