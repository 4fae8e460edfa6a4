using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Recipes;

[Collection("ZooKeeper")]
public sealed class RecursiveDeleterTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public RecursiveDeleterTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task DeletesAWideAndDeepTree_CountingEveryNode()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var paths = new List<string> { root, root + "/wide" };
        paths.AddRange(Enumerable.Range(0, 1200).Select(i => $"{root}/wide/n{i}"));
        paths.AddRange(new[] { "/deep", "/deep/a", "/deep/a/b", "/deep/a/b/c" }.Select(path => root + path));
        await Task.WhenAll(paths.Select(path => client.CreateAsync(path, null))).WithDeadline();

        var deleted = await RecursiveDeleter.DeleteAsync(client, root).WithDeadline();

        Assert.Equal(paths.Count, deleted);
        Assert.Null(await client.ExistsAsync(root).WithDeadline());
    }

    [Fact]
    public async Task ChecksTheRootsVersionBeforeDeletingAnything()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        await client.CreateAsync(root + "/child", null).WithDeadline();

        var wrong = await StepsAsync(new RecursiveDeleter(client, root, rootVersion: 3));
        Assert.NotNull(await client.ExistsAsync(root + "/child").WithDeadline());
        var right = await StepsAsync(new RecursiveDeleter(client, root, rootVersion: 0));

        var failure = Assert.Single(wrong);
        Assert.Equal(root, failure.Path);
        Assert.Equal(ErrorCode.BadVersion, Assert.IsType<ZooKeeperException>(failure.Exception).Code);
        Assert.Empty(right);
        Assert.Null(await client.ExistsAsync(root).WithDeadline());
    }

    [Fact]
    public async Task ReportsAMissingOrInvalidRoot_AsTheRootsFailure()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var missingRoot = _fixture.UniqueRoot();

        var missing = Assert.Single(await StepsAsync(new RecursiveDeleter(client, missingRoot)));
        var invalid = Assert.Single(await StepsAsync(new RecursiveDeleter(client, missingRoot + "/")));

        Assert.Equal(ErrorCode.NoNode, Assert.IsType<ZooKeeperException>(missing.Exception).Code);
        Assert.Equal(missingRoot + "/", invalid.Path);
        Assert.IsType<ArgumentException>(invalid.Exception);
    }

    [Fact]
    public async Task DeletesWhatItMay_AndReportsEachNodeItMayNot_InOrder()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        foreach (var path in new[] { "", "/open", "/open/n1", "/open/n2", "/locked", "/locked/inside" })
        {
            await client.CreateAsync(root + path, null).WithDeadline();
        }
        // Deleting a node needs the Delete permission on its parent: /locked grants everything else.
        await client.SetAclAsync(root + "/locked", new[] { new Acl(Perms.Read | Perms.Write | Perms.Create | Perms.Admin, Id.Anyone) }).WithDeadline();
        var deleter = new RecursiveDeleter(client, root);

        var failures = await StepsAsync(deleter);

        // The nodes above the one it may not delete are kept without failures of their own.
        Assert.Equal(new[] { $"{root}/locked/inside NoAuth" },
            failures.Select(failure => $"{failure.Path} {((ZooKeeperException)failure.Exception).Code}"));
        Assert.Equal(3, deleter.Deleted);
        Assert.Equal(new[] { "locked" }, (await client.GetChildrenAsync(root).WithDeadline()).Children);
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => RecursiveDeleter.DeleteAsync(client, root).WithDeadline());
        Assert.Equal(ErrorCode.NoAuth, error.Code);
        await client.SetAclAsync(root + "/locked", new[] { new Acl(Perms.All, Id.Anyone) }).WithDeadline();
    }

    [Fact]
    public async Task KeepsANodeItMayNotList_AndTheNodesAboveIt_WithOneFailure()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        foreach (var path in new[] { "", "/leaf", "/unlisted", "/unlisted/inside" })
        {
            await client.CreateAsync(root + path, null).WithDeadline();
        }
        // Listing the children needs the Read permission.
        await client.SetAclAsync(root + "/unlisted", new[] { new Acl(Perms.All & ~Perms.Read, Id.Anyone) }).WithDeadline();
        var deleter = new RecursiveDeleter(client, root);

        var failures = await StepsAsync(deleter);

        Assert.Equal(new[] { $"{root}/unlisted NoAuth" },
            failures.Select(failure => $"{failure.Path} {((ZooKeeperException)failure.Exception).Code}"));
        Assert.Equal(1, deleter.Deleted);
        Assert.Equal(new[] { "unlisted" }, (await client.GetChildrenAsync(root).WithDeadline()).Children);
        await client.SetAclAsync(root + "/unlisted", new[] { new Acl(Perms.All, Id.Anyone) }).WithDeadline();
    }

    [Fact]
    public async Task EndsWithTheRootsFailure_WhenTheSessionIsGone()
    {
        var root = _fixture.UniqueRoot();
        var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        var deleter = new RecursiveDeleter(client, root);
        Assert.Empty((await deleter.NextAsync().WithDeadline())!);
        await client.CloseAsync().WithDeadline();

        var failure = Assert.Single((await deleter.NextAsync().WithDeadline())!);

        Assert.Equal(root, failure.Path);
        Assert.IsType<SessionClosedException>(failure.Exception);
        Assert.Null(await deleter.NextAsync().WithDeadline());
        client.Dispose();
    }

    private static async Task<List<NodeFailure>> StepsAsync(RecursiveDeleter deleter)
    {
        var failures = new List<NodeFailure>();
        while (await deleter.NextAsync().WithDeadline() is { } step)
        {
            failures.AddRange(step);
        }
        return failures;
    }
}
