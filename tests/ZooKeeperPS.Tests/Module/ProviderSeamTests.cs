using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Module;

/// <summary>
/// The seam for the coming ZooKeeper provider: a class shaped like a NavigationCmdletProvider (which cannot derive
/// from ZkCmdlet) implements IZkPipelineHost and drives the tree listing, the batch window and the subtree removal
/// against a real server, writing items its own way and giving its own advice.
/// </summary>
[Collection("ZooKeeper")]
public sealed class ProviderSeamTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ProviderSeamTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task AHostThatIsNoCmdlet_ListsWritesReadsAndRemovesThroughTheSharedHelpers()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        foreach (var path in new[] { "/a", "/a/x", "/a/y", "/b", "/b/z", "/c" })
        {
            await client.CreateAsync(root + path, Encoding.UTF8.GetBytes("old")).WithDeadline();
        }
        var provider = new ProviderShapedHost(new ZkSession(client, new ConnectionLog()));

        provider.GetChildItems(root, recurse: true);
        // Parents before children; the children of a level are read together before the next folders are listed.
        Assert.Equal(new[] { "a +", "b +", "c", "a/x", "a/y", "b/z" },
            provider.Items.Select(item => item.Path.Substring(root.Length + 1) + (item.IsContainer ? " +" : "")));

        provider.Items.Clear();
        provider.SetContent(new[] { "/a/x", "/a/y", "/missing", "/b/z", "/c" }.Select(path => root + path), "new");
        provider.GetContent(new[] { "/a/x", "/a/y", "/b/z", "/c" }.Select(path => root + path));
        Assert.Equal(new[] { "new", "new", "new", "new" }, provider.Items.Select(item => item.Item));
        Assert.Equal($"{root}/missing", Assert.Single(provider.Errors).TargetObject);

        provider.Errors.Clear();
        provider.RemoveItem(root + "/a", recurse: false);
        provider.RemoveItem(root + "/b", recurse: true);
        var notEmpty = Assert.Single(provider.Errors);
        Assert.Equal("ZooKeeper.NotEmpty", notEmpty.FullyQualifiedErrorId);
        Assert.Equal("Add -Recurse to Remove-Item.", notEmpty.ErrorDetails.RecommendedAction);
        Assert.Equal(new[] { "a", "c" }, (await client.GetChildrenAsync(root).WithDeadline()).Children.OrderBy(name => name));
        Assert.Contains(provider.Progress, progress => progress.RecordType == ProgressRecordType.Completed);
    }

    /// <summary>What a NavigationCmdletProvider over ZooKeeper would do with the module's helpers.</summary>
    private sealed class ProviderShapedHost : IZkPipelineHost
    {
        private static readonly ErrorAdvice UseRecurse = new("Use Remove-Item -Recurse to delete it with everything under it.",
            "Add -Recurse to Remove-Item.");
        private readonly ZkSession _session;
        private readonly CancellationTokenSource _stopping = new();

        public ProviderShapedHost(ZkSession session) => _session = session;

        public List<(object Item, string Path, bool IsContainer)> Items { get; } = new();
        public List<ErrorRecord> Errors { get; } = new();
        public List<ProgressRecord> Progress { get; } = new();

        public CancellationToken StopToken => _stopping.Token;

        // The provider methods: GetChildItems, GetContentReader, SetContent and RemoveItem in a real provider.
        public void GetChildItems(string path, bool recurse)
        {
            var options = new TreeWalkOptions { MaxDepth = recurse ? int.MaxValue : 0, WithData = true };
            foreach (var node in new TreeListing(this, _session, path, options).Nodes())
            {
                WriteItemObject(node.Data!, node.Path, node.Data!.Stat.NumChildren > 0);
            }
        }

        public void GetContent(IEnumerable<string> paths)
        {
            var reads = new BatchWindow<string, DataResult>(this, new DataReadOperation(), new BatchLimits(16),
                (_, path, read) => WriteItemObject(Encoding.UTF8.GetString(read.Data), path, false), (path, failure) => WriteFailure(failure, path));
            foreach (var path in paths)
            {
                reads.Add(_session, path);
            }
            reads.Drain();
        }

        public void SetContent(IEnumerable<string> paths, string text)
        {
            var writes = new BatchWindow<DataWrite, Stat>(this, new DataWriteOperation(-1), new BatchLimits(16),
                (_, _, _) => { }, (write, failure) => WriteFailure(failure, write.Path));
            foreach (var path in paths)
            {
                writes.Add(_session, new DataWrite(path, Encoding.UTF8.GetBytes(text)));
            }
            writes.Drain();
        }

        public void RemoveItem(string path, bool recurse)
        {
            if (recurse)
            {
                new SubtreeRemoval(this, _session, progressId: 1).Remove(path);
                return;
            }
            var window = new RequestWindow(this);
            window.Add(() => _session.Client.DeleteAsync(path, -1, StopToken), _session, failure => WriteFailure(failure, path));
            window.Drain();
        }

        public void WaitFor(Task task, ZkSession? session) => PipelineWait.For(task, StopToken, () => { });

        public void WriteFailure(Exception failure, object? target)
        {
            var record = ZkErrors.ForFailedItem(failure, target,
                zk => zk.Code == ErrorCode.NotEmpty ? UseRecurse : null, out var terminating);
            if (terminating)
            {
                throw new HostTerminatedException(record);
            }
            Errors.Add(record);
        }

        public void WriteProgress(ProgressRecord progressRecord) => Progress.Add(progressRecord);

        private void WriteItemObject(object item, string path, bool isContainer) => Items.Add((item, path, isContainer));
    }
}
