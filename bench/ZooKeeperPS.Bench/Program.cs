using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Bench;

/// <summary>
/// run CONNECTION N          W1-W5 with one request per node, pipelined (<see cref="PipelinedWorkloads"/>)
/// run-batched CONNECTION N  W1-W5 with multi and multiRead, pipelined (<see cref="BatchedWorkloads"/>)
///                           both check every workload, after an untimed warm-up run on a small tree, and print
///                           {"W1": {"ops", "seconds"}, ...}
/// check CONNECTION N STATE  checks the server's tree (STATE: created, updated or absent) for another contender
/// seed CONNECTION N         creates the tree (checked), for measurements that need one
/// remove CONNECTION N       deletes it (checked)
/// Exit codes: 0 fine, 1 wrong result, 2 bad usage.
/// </summary>
public static class Program
{
    private const int WarmUpLeaves = 1000;

    private const string Usage =
        "usage: ZooKeeperPS.Bench run|run-batched|seed|remove CONNECTION N  |  check CONNECTION N created|updated|absent";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 3 || !int.TryParse(args[2], out var n))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var tree = new BenchTree(n);
            using var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectionString = args[1] });
            var checks = new TreeChecks(client, tree);
            switch (args[0])
            {
                case "run" when args.Length == 3:
                    await RunWarmAsync(client, tree, t => new PipelinedWorkloads(client, t));
                    break;
                case "run-batched" when args.Length == 3:
                    await RunWarmAsync(client, tree, t => new BatchedWorkloads(client, t));
                    break;
                case "check" when args.Length == 4:
                    await CheckAsync(checks, args[3]);
                    break;
                case "seed" when args.Length == 3:
                    await new PipelinedWorkloads(client, tree).CreateTreeAsync();
                    await checks.TreeOnServerAsync(BenchTree.CreatedValue, 0);
                    break;
                case "remove" when args.Length == 3:
                    await new PipelinedWorkloads(client, tree).DeleteTreeAsync();
                    await checks.AbsentAsync();
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }

            await client.CloseAsync();
            return 0;
        }
        catch (BenchmarkFailure failure)
        {
            Console.Error.WriteLine($"C# client: WRONG RESULT: {failure.Message}");
            return 1;
        }
    }

    /// <summary>A first, untimed run on a small tree compiles the hot paths, so the printed figures are the steady state.</summary>
    private static async Task RunWarmAsync(ZooKeeperClient client, BenchTree tree, Func<BenchTree, IWorkloads> workloads)
    {
        var warmUpTree = new BenchTree(WarmUpLeaves);
        await RunAsync(client, warmUpTree, workloads(warmUpTree));
        Console.WriteLine(JsonSerializer.Serialize(await RunAsync(client, tree, workloads(tree))));
    }

    private static async Task<Dictionary<string, WorkloadResult>> RunAsync(ZooKeeperClient client, BenchTree tree, IWorkloads workloads)
    {
        var checks = new TreeChecks(client, tree);
        if (await client.ExistsAsync(BenchTree.Root) is not null)
        {
            throw new BenchmarkFailure($"{BenchTree.Root} exists before the benchmark; it needs an empty server");
        }

        var results = new Dictionary<string, WorkloadResult>();
        var clock = Stopwatch.StartNew();
        var created = await workloads.CreateTreeAsync();
        results["W1"] = new WorkloadResult(created, clock.Elapsed.TotalSeconds);
        await checks.TreeOnServerAsync(BenchTree.CreatedValue, 0);

        clock.Restart();
        var reads = await workloads.ReadLeavesAsync();
        results["W2"] = new WorkloadResult(tree.Leaves.Count, clock.Elapsed.TotalSeconds);
        checks.Reads(reads);

        clock.Restart();
        var listed = await workloads.ListTreeAsync();
        results["W3"] = new WorkloadResult(tree.NodesBelowRoot, clock.Elapsed.TotalSeconds);
        checks.Listing(listed);

        clock.Restart();
        await workloads.UpdateLeavesAsync();
        results["W4"] = new WorkloadResult(tree.Leaves.Count, clock.Elapsed.TotalSeconds);
        await checks.TreeOnServerAsync(BenchTree.UpdatedValue, 1);

        clock.Restart();
        var deleted = await workloads.DeleteTreeAsync();
        results["W5"] = new WorkloadResult(deleted, clock.Elapsed.TotalSeconds);
        await checks.AbsentAsync();
        return results;
    }

    private static Task CheckAsync(TreeChecks checks, string state) => state switch
    {
        "created" => checks.TreeOnServerAsync(BenchTree.CreatedValue, 0),
        "updated" => checks.TreeOnServerAsync(BenchTree.UpdatedValue, 1),
        "absent" => checks.AbsentAsync(),
        _ => throw new BenchmarkFailure($"unknown state '{state}': created, updated or absent"),
    };
}
