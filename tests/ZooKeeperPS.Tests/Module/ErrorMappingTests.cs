using System;
using System.Management.Automation;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Commands;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Module;

/// <summary>The one error mapping (ZkErrors): ids, categories, targets, what terminates, and advice per cmdlet.</summary>
[Collection("ZooKeeper")]
public sealed class ErrorMappingTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ErrorMappingTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData(ErrorCode.NoNode, "ZooKeeper.NoNode", ErrorCategory.ObjectNotFound)]
    [InlineData(ErrorCode.NodeExists, "ZooKeeper.NodeExists", ErrorCategory.ResourceExists)]
    [InlineData(ErrorCode.NoAuth, "ZooKeeper.NoAuth", ErrorCategory.PermissionDenied)]
    [InlineData(ErrorCode.BadVersion, "ZooKeeper.BadVersion", ErrorCategory.InvalidOperation)]
    [InlineData(ErrorCode.NotEmpty, "ZooKeeper.NotEmpty", ErrorCategory.InvalidOperation)]
    [InlineData(ErrorCode.ConnectionLoss, "ZooKeeper.ConnectionLoss", ErrorCategory.ConnectionError)]
    [InlineData(ErrorCode.SessionExpired, "ZooKeeper.SessionExpired", ErrorCategory.ConnectionError)]
    [InlineData(ErrorCode.AuthFailed, "ZooKeeper.AuthFailed", ErrorCategory.AuthenticationError)]
    [InlineData(ErrorCode.BadArguments, "ZooKeeper.BadArguments", ErrorCategory.InvalidArgument)]
    [InlineData(ErrorCode.Unimplemented, "ZooKeeper.Unimplemented", ErrorCategory.NotImplemented)]
    [InlineData(ErrorCode.QuotaExceeded, "ZooKeeper.QuotaExceeded", ErrorCategory.QuotaExceeded)]
    [InlineData((ErrorCode)(-999), "ZooKeeper.Error-999", ErrorCategory.NotSpecified)]
    public void MapsEachCodeToAStableIdAndACategory_WithThePathAsTarget(ErrorCode code, string id, ErrorCategory category)
    {
        var failure = new ZooKeeperException(code, "/a/b");

        var record = ZkErrors.FromException(new AggregateException(failure), null);

        Assert.Equal(id, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Equal("/a/b", record.TargetObject);
        Assert.Same(failure, record.Exception);
    }

    [Fact]
    public void MapsABadPathToInvalidPath_WithoutDotNetsParameterNote()
    {
        var invalid = Assert.Throws<ArgumentException>(() => ZooKeeperPath.Validate("relative"));

        var record = ZkErrors.FromException(invalid, "relative");

        Assert.Equal("ZooKeeper.InvalidPath", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.DoesNotContain("Parameter", record.ErrorDetails.Message);
        Assert.Equal("ZooKeeper.InvalidArgument", ZkErrors.FromException(new ArgumentException("x", "data"), null).FullyQualifiedErrorId);
    }

    [Fact]
    public void OnlyAClosedSessionIsSessionClosed_AndIt_LikeExpiry_EndsTheCommand()
    {
        var closed = ZkErrors.ForFailedItem(new SessionClosedException(), "/a", null, out var closedEnds);
        var bug = ZkErrors.ForFailedItem(new InvalidOperationException("a bug"), "/a", null, out var bugEnds);
        ZkErrors.ForFailedItem(new ZooKeeperException(ErrorCode.SessionExpired), "/a", null, out var expiredEnds);
        ZkErrors.ForFailedItem(new ZooKeeperException(ErrorCode.NoNode, "/a"), "/a", null, out var missingEnds);

        Assert.Equal("ZooKeeper.SessionClosed", closed.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, closed.CategoryInfo.Category);
        Assert.True(closedEnds);
        Assert.Equal("ZooKeeper.Failed", bug.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotSpecified, bug.CategoryInfo.Category);
        Assert.False(bugEnds);
        Assert.True(expiredEnds);
        Assert.False(missingEnds);
    }

    [Fact]
    public void SaysWhetherALostRequestMayHaveHappened()
    {
        var sent = ZkErrors.ForFailedItem(new ZooKeeperException(ErrorCode.ConnectionLoss, "/a"), "/a", null, out _);
        var unsent = ZkErrors.ForFailedItem(new ZooKeeperException(ErrorCode.ConnectionLoss, "/a") { RequestSent = false }, "/a", null, out _);

        Assert.Equal("ZooKeeper.ConnectionLoss", sent.FullyQualifiedErrorId);
        Assert.Contains("outcome is unknown", sent.ErrorDetails.Message);
        Assert.Equal("ZooKeeper.ConnectionLoss", unsent.FullyQualifiedErrorId);
        Assert.Contains("nothing was changed", unsent.ErrorDetails.Message);
    }

    [Fact]
    public async Task NotEmpty_SaysAddRecurse_OnlyToRemoveZkNodeWithoutRecurse()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        await client.CreateAsync(root + "/child", null).WithDeadline();
        var notEmpty = await Assert.ThrowsAsync<ZooKeeperException>(() => client.DeleteAsync(root).WithDeadline());

        var remove = Map(notEmpty, new RemoveZkNodeCommand());
        var removeRecurse = Map(notEmpty, new RemoveZkNodeCommand { Recurse = true });
        var clear = Map(notEmpty, new ClearZooKeeperCommand());
        var get = Map(notEmpty, new GetZkNodeCommand());

        Assert.Contains("Use -Recurse", remove.ErrorDetails.Message);
        Assert.Equal("Add -Recurse.", remove.ErrorDetails.RecommendedAction);
        foreach (var record in new[] { removeRecurse, clear })
        {
            Assert.DoesNotContain("-Recurse", record.ErrorDetails.Message);
            Assert.Contains("created under it", record.ErrorDetails.Message);
        }
        Assert.Null(get.ErrorDetails);
        Assert.All(new[] { remove, removeRecurse, clear, get }, record => Assert.Equal("ZooKeeper.NotEmpty", record.FullyQualifiedErrorId));
    }

    [Fact]
    public void NoAuth_NamesThePermissionThatRemovingNeeds_AndNeverRecurse()
    {
        var noAuth = new ZooKeeperException(ErrorCode.NoAuth, "/secure/child");

        var remove = Map(noAuth, new RemoveZkNodeCommand());
        var removeRecurse = Map(noAuth, new RemoveZkNodeCommand { Recurse = true });
        var clear = Map(noAuth, new ClearZooKeeperCommand());
        var get = Map(noAuth, new GetZkNodeCommand());

        Assert.Contains("Delete permission on its parent, /secure,", remove.ErrorDetails.Message);
        foreach (var record in new[] { removeRecurse, clear })
        {
            Assert.Contains("Delete permission on the parent of each node", record.ErrorDetails.Message);
            Assert.Contains("nodes above it were kept", record.ErrorDetails.Message);
        }
        foreach (var record in new[] { remove, removeRecurse, clear })
        {
            Assert.DoesNotContain("-Recurse", record.ErrorDetails.Message + record.ErrorDetails.RecommendedAction);
            Assert.Contains("-Credential", record.ErrorDetails.RecommendedAction);
        }
        Assert.Null(get.ErrorDetails);
    }

    [Fact]
    public void Unimplemented_TalksOfTtlNodes_OnlyForATtlCreate()
    {
        var unimplemented = new ZooKeeperException(ErrorCode.Unimplemented, "/a");

        var ttlCreate = Map(unimplemented, new NewZkNodeCommand { Ttl = TimeSpan.FromMinutes(1) });
        var plainCreate = Map(unimplemented, new NewZkNodeCommand());
        var removal = Map(unimplemented, new RemoveZkNodeCommand());

        Assert.Contains("zookeeper.extendedTypesEnabled=true", ttlCreate.ErrorDetails.Message);
        Assert.NotNull(ttlCreate.ErrorDetails.RecommendedAction);
        foreach (var record in new[] { plainCreate, removal })
        {
            Assert.DoesNotContain("TTL", record.ErrorDetails.Message);
            Assert.Contains("newer ZooKeeper", record.ErrorDetails.Message);
        }
    }

    [Fact]
    public void NoNode_NamesTheMissingParentAndMakePath_OnlyForACreateWithoutMakePath()
    {
        var noNode = new ZooKeeperException(ErrorCode.NoNode, "/a/b/c");

        var create = Map(noNode, new NewZkNodeCommand());
        var sequential = Map(new ZooKeeperException(ErrorCode.NoNode, "/jobs/"), new NewZkNodeCommand { Sequential = true });
        var withMakePath = Map(noNode, new NewZkNodeCommand { MakePath = true });
        var read = Map(noNode, new GetZkNodeCommand());

        Assert.Contains("parent /a/b does not exist", create.ErrorDetails.Message);
        Assert.Contains("-MakePath", create.ErrorDetails.RecommendedAction);
        Assert.Contains("parent /jobs does not exist", sequential.ErrorDetails.Message);
        Assert.Null(withMakePath.ErrorDetails);
        Assert.Null(read.ErrorDetails);
    }

    private static ErrorRecord Map(Exception failure, ZkCmdlet cmdlet)
    {
        using (cmdlet)
        {
            return ZkErrors.ForFailedItem(failure, "/a", cmdlet.AdviceFor, out _);
        }
    }
}
