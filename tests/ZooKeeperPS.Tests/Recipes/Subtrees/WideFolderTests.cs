using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Client;
using static ZooKeeperPS.Tests.Recipes.Subtrees.SubtreeTestKit;

namespace ZooKeeperPS.Tests.Recipes.Subtrees;

/// <summary>A folder of 100,000 children, by hand only: ZKPS_WIDE_CHILDREN=100000 runs it.</summary>
public sealed class WideFolderFactAttribute : FactAttribute
{
    public const string Variable = "ZKPS_WIDE_CHILDREN";

    public WideFolderFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            Skip = $"The wide folder runs by hand: set {Variable}=100000 (the default suite round-trips 3,000 children).";
    }
}

public sealed class WideFolderTests
{
    // The children's names of one getChildren reply add up to over 1 MB: servers and clients both allow 4 MiB.
    private const int JuteMaxBuffer = 4 * 1024 * 1024;
    private readonly ITestOutputHelper _output;

    public WideFolderTests(ITestOutputHelper output) => _output = output;

    [WideFolderFact]
    public async Task AWideFolder_RoundTripsIntoAnEmptyServer_AndCompareFindsNothing()
    {
        var children = int.Parse(Environment.GetEnvironmentVariable(WideFolderFactAttribute.Variable)!);
        Action<ZooKeeperServerOptions> raised = options => options.SystemProperties["jute.maxbuffer"] = JuteMaxBuffer.ToString();
        using var sourceServer = ZooKeeperServer.StartStandalone(raised);
        using var destinationServer = ZooKeeperServer.StartStandalone(raised);
        using var source = await TestClient.ConnectAsync(sourceServer.ConnectionString, _output, o => o.JuteMaxBuffer = JuteMaxBuffer);
        using var destination = await TestClient.ConnectAsync(destinationServer.ConnectionString, _output, o => o.JuteMaxBuffer = JuteMaxBuffer);
        await CreateAsync(source, "/wide", null);
        for (var start = 0; start < children; start += 1000)
        {
            var ops = Enumerable.Range(start, Math.Min(1000, children - start)).Select(i => Op.Create($"/wide/child-{i:d6}", BitConverter.GetBytes(i)));
            await source.MultiAsync(ops).WithDeadline();
        }

        var records = Read(Write(await ExportAsync(source, "/wide"), "/wide"));
        var (importer, failures) = await ImportAsync(destination, "/wide", records);

        Assert.Empty(failures.Select(failure => failure.Path + ": " + failure.Exception.Message));
        Assert.Equal(children + 1, importer.Created);
        var differences = await CompareAsync(source, "/wide", destination, "/wide");
        Assert.True(differences.Count == 0, Describe(differences));
    }
}
