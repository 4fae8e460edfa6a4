using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>
/// Issue 11's fuzz: server replies mutated by a seeded proxy (bit flips, length changes, xid rewrites, truncation,
/// cuts mid-frame, strings that are not UTF-8) against a real server. Whatever arrives, the client never crashes,
/// leaves no unobserved task exception, raises only mapped errors, ends every call within its deadline (the session
/// timeout) + 1 s, and drops a connection whose frame cannot be right within 1 s. The figures are printed.
/// Short run in the suite; the long one by hand: ZKPS_FUZZ_FRAMES=10000 [ZKPS_FUZZ_SEED=7] dotnet test
/// --filter "FullyQualifiedName~FrameFuzzTests.LongRun" --logger "console;verbosity=detailed".
/// </summary>
[Collection(RunAloneCollection.Name)]
public sealed class FrameFuzzTests
{
    private static readonly int[] ShortRunSeeds = { 1, 2, 3 };
    private const int ShortRunFramesPerSeed = 40; // about 15 s for the three: most of it is waiting for sessions to expire

    private readonly LazyServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public FrameFuzzTests(LazyServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task ShortRun_ThreeSeeds_MutatedRepliesNeverCrashHangOrLeakUnmappedErrors()
    {
        var runs = new List<FuzzFigures>();
        foreach (var seed in ShortRunSeeds) runs.Add(await RunAndPrintAsync(seed, ShortRunFramesPerSeed));
        AssertHeld(runs);
    }

    [LongFuzzFact]
    public async Task LongRun_MutatedRepliesNeverCrashHangOrLeakUnmappedErrors()
    {
        var frames = int.Parse(Environment.GetEnvironmentVariable(LongFuzzFactAttribute.Variable)!);
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ZKPS_FUZZ_SEED"), out var chosen) ? chosen : 11;
        AssertHeld(new[] { await RunAndPrintAsync(seed, frames) });
    }

    private async Task<FuzzFigures> RunAndPrintAsync(int seed, int frames)
    {
        var figures = await FrameFuzzRun.RunAsync(_fixture.Server, seed, frames);
        _output.WriteLine(figures.Report());
        return figures;
    }

    private static void AssertHeld(IReadOnlyList<FuzzFigures> runs)
    {
        var broken = new List<string>();
        void Check(bool held, string what)
        {
            if (!held) broken.Add(what);
        }

        Check(runs.All(r => !r.BudgetExceeded && r.Mutated >= r.Target),
            "every run mutates its target number of frames within its time budget (" + string.Join(", ", runs.Select(r => $"seed {r.Seed}: {r.Mutated}/{r.Target}")) + ")");
        Check(runs.Sum(r => r.Crashes) == 0, $"no crash ({runs.Sum(r => r.Crashes)})");
        Check(runs.Sum(r => r.Unobserved.Count) == 0, $"no unobserved task exception ({runs.Sum(r => r.Unobserved.Count)})");
        Check(runs.Sum(r => r.Unmapped) == 0, $"no unmapped error ({runs.Sum(r => r.Unmapped)})");
        var slowest = runs.Max(r => r.Slowest);
        Check(runs.All(r => r.Slowest <= r.Deadline + TimeSpan.FromSeconds(1)),
            $"no call slower than its deadline + 1 s (slowest {slowest.TotalSeconds:0.0} s; {runs.Sum(r => r.CallsOverDeadline)} over)");
        Check(runs.Sum(r => r.Undetected) == 0 && runs.All(r => r.SlowestDetectionMs <= 1000),
            $"every frame that cannot be right is detected within 1 s ({runs.Sum(r => r.Undetected)} never detected, " +
            $"slowest detection {runs.Max(r => r.SlowestDetectionMs):0} ms)");
        Assert.True(broken.Count == 0, "The fuzz broke: " + string.Join("; ", broken) + ". Figures are in the test output.");
    }
}
