using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Client;
using static ZooKeeperPS.Tests.Recipes.Subtrees.SubtreeTestKit;

namespace ZooKeeperPS.Tests.Recipes.Subtrees;

/// <summary>Conflicts, per-node fallback, batch sizes, interrupted imports, copies, comparisons and syncs.</summary>
[Collection("ZooKeeper")]
public sealed class SubtreeImportTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public SubtreeImportTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private static readonly Stat Leaf = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static readonly Stat Folder = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0);

    private static TreeRecord Node(string path, string? value, bool folder = false, IReadOnlyList<Acl>? acl = null) =>
        new(path, value is null ? null : Encoding.UTF8.GetBytes(value), acl ?? Acl.OpenUnsafe, folder ? Folder : Leaf);

    [Fact]
    public async Task Rerun_SkipsWhatExists_OverwriteRestoresIt_FailStopsAtTheFirstConflict()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var root = _fixture.UniqueRoot();
        var records = new[] { Node("/", "r", true), Node("/a", "a", true), Node("/a/b", "b"), Node("/c", "c") };

        var (first, _) = await ImportAsync(client, root, records);
        await client.SetDataAsync(root + "/a/b", Encoding.UTF8.GetBytes("changed")).WithDeadline();
        var (skip, skipFailures) = await ImportAsync(client, root, records);
        var afterSkip = Encoding.UTF8.GetString((await client.GetDataAsync(root + "/a/b").WithDeadline()).Data);
        var (overwrite, overwriteFailures) = await ImportAsync(client, root, records, TreeConflict.Overwrite);
        var afterOverwrite = Encoding.UTF8.GetString((await client.GetDataAsync(root + "/a/b").WithDeadline()).Data);
        var conflict = await Assert.ThrowsAsync<ZooKeeperException>(() => ImportAsync(client, root, records, TreeConflict.Fail));

        Assert.Equal(4, first.Created);
        Assert.Equal((0, 4), (skip.Created, skip.Skipped));
        Assert.Empty(skipFailures);
        Assert.Equal("changed", afterSkip);
        Assert.Equal((0, 4), (overwrite.Created, overwrite.Updated));
        Assert.Empty(overwriteFailures);
        Assert.Equal("b", afterOverwrite);
        Assert.Equal((ErrorCode.NodeExists, root), (conflict.Code, conflict.Path));
        Assert.Equal(2, (await client.GetChildrenAsync(root).WithDeadline()).Children.Count);
    }

    [Fact]
    public async Task AFailedMulti_IsRedoneNodeByNode_SoEachErrorNamesItsNode_AndTheRestIsCreated()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var root = _fixture.UniqueRoot();
        await CreateAsync(client, root, null);
        await CreateAsync(client, root + "/closed", null, Acl.ReadUnsafe);
        var records = new[] { Node("/", null, true), Node("/before", "1"), Node("/closed", "x", true), Node("/closed/a", "a"), Node("/closed/b", "b"), Node("/after", "2") };

        var (importer, failures) = await ImportAsync(client, root, records);

        Assert.Equal(new[] { root + "/closed/a", root + "/closed/b" }, failures.Select(failure => failure.Path));
        Assert.All(failures, failure => Assert.Equal(ErrorCode.NoAuth, ((ZooKeeperException)failure.Exception).Code));
        Assert.Equal((2, 2, 2), (importer.Created, importer.Skipped, importer.Failed));
        Assert.Equal(new[] { "after", "before", "closed" }, (await client.GetChildrenAsync(root).WithDeadline()).Children.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task MultisStayUnderJuteMaxBuffer_ManyLargeNodesImportOnOneConnection()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var root = _fixture.UniqueRoot();
        var value = new string('v', 200_000);
        var records = new[] { Node("/", null, true) }.Concat(Enumerable.Range(0, 30).Select(i => Node($"/n{i}", value))).ToList();
        var connections = 0;
        client.StateChanged += (_, change) => { if (change.OldState != ConnectionState.Connected && change.NewState == ConnectionState.Connected) connections++; };

        var (importer, failures) = await ImportAsync(client, root, records);

        Assert.Empty(failures.Select(failure => failure.Path + ": " + failure.Exception.Message));
        Assert.Equal(31, importer.Created);
        Assert.Equal(0, connections);
    }

    [Fact]
    public async Task KillDashNineOfTheDestinationDuringAnImport_ThenARerun_LeavesNoNodeLostOrDuplicated()
    {
        using var destinationServer = ZooKeeperServer.StartStandalone();
        using var source = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var root = _fixture.UniqueRoot();
        await CreateAsync(source, root, null);
        for (var folder = 0; folder < 10; folder++)
        {
            await CreateAsync(source, $"{root}/f{folder}", null);
            await Task.WhenAll(Enumerable.Range(0, 500).Select(i => source.CreateAsync($"{root}/f{folder}/n{i}", Encoding.UTF8.GetBytes(i.ToString()), CreateMode.Persistent, Acl.OpenUnsafe)).ToArray()).WithDeadline();
            await source.SetAclAsync($"{root}/f{folder}", new[] { new Acl(Perms.Read | Perms.Admin, Id.Anyone) }).WithDeadline();
        }
        var records = await ExportAsync(source, root);
        using (var destination = await TestClient.ConnectAsync(destinationServer.ConnectionString, _output))
        {
            var importer = new TreeImporter(destination, root, new TreeImportOptions { MaxOpsPerMulti = 100 });
            Exception? interruption = null;
            try
            {
                foreach (var record in records)
                {
                    await importer.AddAsync(record).WithDeadline();
                    if (importer.Created > 1500 && destinationServer.IsRunning)
                    {
                        destinationServer.Kill();
                    }
                }
                await importer.CompleteAsync().WithDeadline();
            }
            catch (ZooKeeperException lost)
            {
                interruption = lost;
            }
            Assert.Equal(ErrorCode.ConnectionLoss, Assert.IsType<ZooKeeperException>(interruption).Code);
            Assert.InRange(importer.Created, 1500, records.Count - 1000);
        }
        destinationServer.Start();
        using var restarted = await TestClient.ConnectAsync(destinationServer.ConnectionString, _output);

        var (rerun, failures) = await ImportAsync(restarted, root, records, TreeConflict.Overwrite);

        Assert.Empty(failures.Select(failure => failure.Path + ": " + failure.Exception.Message));
        Assert.Equal(records.Count, rerun.Created + rerun.Updated);
        Assert.InRange(rerun.Updated, 1500, records.Count - 1000);
        var differences = await CompareAsync(source, root, restarted, root);
        Assert.True(differences.Count == 0, Describe(differences));
        Assert.Equal(records.Count - 1, await restarted.GetAllChildrenNumberAsync(root).WithDeadline());
    }

    [Fact]
    public async Task Compare_NamesEachKindOfDifference_WithBothValues()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var reference = _fixture.UniqueRoot();
        var difference = _fixture.UniqueRoot();
        foreach (var root in new[] { reference, difference })
        {
            await CreateAsync(client, root, null);
            await CreateAsync(client, root + "/same", Encoding.UTF8.GetBytes("same"));
            await CreateAsync(client, root + "/data", Encoding.UTF8.GetBytes(root == reference ? "old" : "new"));
            await CreateAsync(client, root + "/nulled", root == reference ? Array.Empty<byte>() : null);
            await CreateAsync(client, root + "/acl", null, root == reference ? Acl.OpenUnsafe : Acl.ReadUnsafe);
        }
        await CreateAsync(client, reference + "/gone", null);
        await CreateAsync(client, difference + "/new", null);
        await CreateAsync(client, difference + "/new/child", null);
        await client.CreateAsync(difference + "/ephemeral", null, CreateMode.Ephemeral).WithDeadline();

        var found = (await CompareAsync(client, reference, client, difference)).Select(d => $"{d.Kind} {d.Path}").OrderBy(d => d, StringComparer.Ordinal);
        var data = (await CompareAsync(client, reference, client, difference)).Single(d => d.Path == "/data");

        Assert.Equal(new[] { "Added /new", "Added /new/child", "AclChanged /acl", "DataChanged /data", "DataChanged /nulled", "Removed /gone" }
            .OrderBy(d => d, StringComparer.Ordinal), found);
        Assert.Equal(("old", "new"), (Encoding.UTF8.GetString(data.Reference!.Data!), Encoding.UTF8.GetString(data.Difference!.Data!)));
    }

    [Fact]
    public async Task Copy_OnOneSession_IsEqual_AndRefusesToCopyIntoItself()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var root = _fixture.UniqueRoot();
        var copy = _fixture.UniqueRoot() + "/copy";
        await CreateAsync(client, root, Encoding.UTF8.GetBytes("r"));
        await CreateAsync(client, root + "/a", new byte[] { 0, 1, 2 });
        await CreateAsync(client, root + "/a/b", null, Acl.ReadUnsafe);
        await CreateAsync(client, ZooKeeperPath.GetParent(copy), null);

        var copier = new SubtreeCopier(client, root, client, copy);
        var failures = new List<NodeFailure>();
        while (await copier.NextAsync().WithDeadline() is { } step)
        {
            failures.AddRange(step);
        }

        Assert.Empty(failures);
        Assert.Equal(3, copier.Importer.Created);
        Assert.Empty(await CompareAsync(client, root, client, copy));
        Assert.Throws<ArgumentException>(() => new SubtreeCopier(client, root, client, root + "/a/inside"));
    }

    [Fact]
    public async Task Sync_CreatesUpdatesAndDeletes_UntilCompareFindsNothing_AndLeavesEphemeralsAlone()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var source = _fixture.UniqueRoot();
        var destination = _fixture.UniqueRoot();
        await CreateAsync(client, source, null);
        await CreateAsync(client, source + "/keep", Encoding.UTF8.GetBytes("v2"), Acl.ReadUnsafe);
        await CreateAsync(client, source + "/new", null);
        await CreateAsync(client, source + "/new/leaf", Encoding.UTF8.GetBytes("leaf"));
        await client.CreateAsync(source + "/ephemeral", null, CreateMode.Ephemeral).WithDeadline();
        await CreateAsync(client, destination, null);
        await CreateAsync(client, destination + "/keep", Encoding.UTF8.GetBytes("v1"));
        await CreateAsync(client, destination + "/extra", null);
        await CreateAsync(client, destination + "/extra/child", null);
        await client.CreateAsync(destination + "/theirs", null, CreateMode.Ephemeral).WithDeadline();

        var comparer = new TreeComparer(client, source, client, destination, new TreeCompareOptions { IncludeAcl = true });
        var sync = new TreeSynchronizer(client, destination);
        var failures = new List<NodeFailure>();
        while (await comparer.NextAsync().WithDeadline() is { } step)
        {
            foreach (var change in step.Differences)
            {
                failures.AddRange(await sync.ApplyAsync(change).WithDeadline());
            }
        }
        failures.AddRange(await sync.CompleteAsync().WithDeadline());

        Assert.Empty(failures);
        Assert.Equal((2, 1, 1, 2), (sync.Created, sync.DataWritten, sync.AclsSet, sync.Deleted));
        Assert.Empty(await CompareAsync(client, source, client, destination));
        Assert.NotNull(await client.ExistsAsync(destination + "/theirs").WithDeadline());
        Assert.Null(await client.ExistsAsync(destination + "/ephemeral").WithDeadline());
    }
}
