using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Recipes;

[Collection("ZooKeeper")]
public sealed class TreeWalkerTests
{
    private static readonly string[] Tree = { "/a", "/a/a1", "/a/a1/deep", "/a/a2", "/b", "/b/b1", "/c" };
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public TreeWalkerTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, "3.5.10")]
    [InlineData(true, "3.5.10")]
    public async Task ReturnsEveryNodeOnce_ParentsBeforeChildren_WithDataWhenAsked(bool withData, string? serverVersion)
    {
        var root = await CreateTreeAsync();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { FakeVersion = serverVersion };
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);

        var items = await WalkAsync(new TreeWalker(client, root, new TreeWalkOptions { WithData = withData }));

        Assert.All(items, item => Assert.Null(item.Failure));
        var paths = items.Select(item => item.Path.Substring(root.Length)).ToList();
        Assert.Equal(Tree.OrderBy(path => path, StringComparer.Ordinal), paths.OrderBy(path => path, StringComparer.Ordinal));
        Assert.All(paths.Where(path => ZooKeeperPath.GetParent(path) != "/"),
            path => Assert.InRange(paths.IndexOf(ZooKeeperPath.GetParent(path)), 0, paths.IndexOf(path) - 1));
        Assert.All(items, item => Assert.Equal(withData ? item.Path : null, item.Data is null ? null : Encoding.UTF8.GetString(item.Data.Data)));
    }

    [Fact]
    public async Task StopsAtMaxDepth_AndReturnsOnlyIncludedNames_WhileDescendingIntoTheOthers()
    {
        var root = await CreateTreeAsync();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);

        var children = await WalkAsync(new TreeWalker(client, root, new TreeWalkOptions { MaxDepth = 0 }));
        var twoLevels = await WalkAsync(new TreeWalker(client, root, new TreeWalkOptions { MaxDepth = 1, WithData = true }));
        var filtered = await WalkAsync(new TreeWalker(client, root, new TreeWalkOptions { Include = name => name.Length > 1 }));

        Assert.Equal(new[] { "/a", "/b", "/c" }, children.Select(item => item.Path.Substring(root.Length)));
        Assert.Equal(new[] { "/a", "/a/a1", "/a/a2", "/b", "/b/b1", "/c" }, Sorted(root, twoLevels));
        Assert.Equal(new[] { "/a/a1", "/a/a1/deep", "/a/a2", "/b/b1" }, Sorted(root, filtered));
    }

    [Fact]
    public async Task ReturnsAMissingRootAsAFailure_AndSkipsANodeThatVanishesDuringTheWalk()
    {
        var root = await CreateTreeAsync();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);

        var missing = await WalkAsync(new TreeWalker(client, root + "/none"));
        var walker = new TreeWalker(client, root, new TreeWalkOptions { WithData = true });
        // The first step lists the root; the reads of its children go out with the next step.
        Assert.Empty((await walker.NextAsync().WithDeadline())!);
        await client.DeleteAsync(root + "/c").WithDeadline();
        var rest = await WalkAsync(walker);

        var failure = Assert.Single(missing);
        Assert.Equal(root + "/none", failure.Path);
        Assert.Equal(ErrorCode.NoNode, Assert.IsType<ZooKeeperException>(failure.Failure).Code);
        Assert.Equal(Tree.Where(path => path != "/c"), Sorted(root, rest));
    }

    private static string[] Sorted(string root, IEnumerable<TreeWalkItem> items) =>
        items.Select(item => item.Path.Substring(root.Length)).OrderBy(path => path, StringComparer.Ordinal).ToArray();

    private static async Task<List<TreeWalkItem>> WalkAsync(TreeWalker walker)
    {
        var items = new List<TreeWalkItem>();
        while (await walker.NextAsync().WithDeadline() is { } step)
        {
            items.AddRange(step);
        }
        return items;
    }

    /// <summary>A fresh root holding <see cref="Tree"/>, each node's data its own full path.</summary>
    private async Task<string> CreateTreeAsync()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        foreach (var path in Tree)
        {
            await client.CreateAsync(root + path, Encoding.UTF8.GetBytes(root + path)).WithDeadline();
        }
        return root;
    }
}
