using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Module;

/// <summary>
/// The rule for a create whose connection was lost (LostCreate): which attempt comes next, and when a NodeExists
/// after a resend counts as the lost create's own node (only when that can be proved: issue 11, defect 1).
/// </summary>
[Collection("ZooKeeper")]
public sealed class LostCreateTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("payload");
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public LostCreateTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private static ZooKeeperException Lost(bool sent) =>
        new(ErrorCode.ConnectionLoss, "/x") { RequestSent = sent };

    [Fact]
    public async Task AnUnsentCreate_IsSimplySentAgain()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var resend = LostCreate.Resend(client, path, Data, CreateMode.PersistentSequential, null, CancellationToken.None);

        var next = resend(Lost(sent: false));

        var created = await next!().WithDeadline();
        Assert.StartsWith(path, created.Path);
    }

    /// <summary>
    /// Was "counts as done" before issue 11 (defect 1): another client may have created the node with the same data,
    /// so a persistent node proves nothing and the create is not acknowledged.
    /// </summary>
    [Fact]
    public async Task ASentCreate_WhoseNodeAppearedAfterItWasSent_WithItsData_IsReportedAsOutcomeUnknown()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var resend = LostCreate.Resend(client, path, Data, CreateMode.Persistent, null, CancellationToken.None);
        // What the lost attempt did on the server before its reply was lost (or another client, with the same data).
        await client.CreateAsync(path, Data).WithDeadline();

        var failure = await Assert.ThrowsAsync<CreateOutcomeUnknownException>(() => resend(Lost(sent: true))!().WithDeadline());

        Assert.Equal(ErrorCode.NodeExists, failure.Code);
        Assert.Contains("whether this request created it is unknown", failure.Message);
    }

    [Fact]
    public async Task ASentEphemeralCreate_WhoseNodeAppearedAfterItWasSent_OwnedByThisSession_CountsAsDone()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var resend = LostCreate.Resend(client, path, Data, CreateMode.Ephemeral, null, CancellationToken.None);
        // What the lost attempt did on the server: only this session can own the node, so it is proved.
        await client.CreateAsync(path, Data, CreateMode.Ephemeral).WithDeadline();

        var created = await resend(Lost(sent: true))!().WithDeadline();

        Assert.Equal(path, created.Path);
        Assert.Equal(client.SessionId, created.Stat.EphemeralOwner);
    }

    [Fact]
    public async Task ASentCreate_MeetingANodeThatWasThereBefore_StaysNodeExists()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(path, Data).WithDeadline();
        var resend = LostCreate.Resend(client, path, Data, CreateMode.Persistent, null, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ZooKeeperException>(() => resend(Lost(sent: true))!().WithDeadline());

        Assert.Equal(ErrorCode.NodeExists, failure.Code);
    }

    [Fact]
    public async Task ASentCreate_MeetingANewNodeWithOtherData_StaysNodeExists()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var resend = LostCreate.Resend(client, path, Data, CreateMode.Persistent, null, CancellationToken.None);
        await client.CreateAsync(path, Encoding.UTF8.GetBytes("someone else's")).WithDeadline();

        var failure = await Assert.ThrowsAsync<ZooKeeperException>(() => resend(Lost(sent: true))!().WithDeadline());

        Assert.Equal(ErrorCode.NodeExists, failure.Code);
    }

    [Fact]
    public async Task ASentEphemeralCreate_MeetingAnotherSessionsNode_StaysNodeExists()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        using var other = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var resend = LostCreate.Resend(client, path, Data, CreateMode.Ephemeral, null, CancellationToken.None);
        await other.CreateAsync(path, Data, CreateMode.Ephemeral).WithDeadline();

        var failure = await Assert.ThrowsAsync<ZooKeeperException>(() => resend(Lost(sent: true))!().WithDeadline());

        Assert.Equal(ErrorCode.NodeExists, failure.Code);
    }

    [Fact]
    public async Task ASentSequentialCreate_IsNeverSentAgain()
    {
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var resend = LostCreate.Resend(client, _fixture.UniqueRoot(), Data, CreateMode.EphemeralSequential, null, CancellationToken.None);

        Assert.Null(resend(Lost(sent: true)));
    }

    [Fact]
    public async Task OnceAnAttemptWasSent_EveryLaterOneConfirms_EvenAfterAnUnsentOne()
    {
        var path = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        var resend = LostCreate.Resend(client, path, Data, CreateMode.Ephemeral, null, CancellationToken.None);
        Assert.NotNull(resend(Lost(sent: true)));
        // The sent attempt created the node; a plain create now would fail with NodeExists.
        await client.CreateAsync(path, Data, CreateMode.Ephemeral).WithDeadline();

        var created = await resend(Lost(sent: false))!().WithDeadline();

        Assert.Equal(path, created.Path);
    }
    [Fact]
    public async Task ASentProtectedSequentialCreate_WhoseNodeExists_IsFoundByItsGuid_NotCreatedAgain()
    {
        var parent = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(parent, null).WithDeadline();
        var path = ProtectedCreate.ProtectPath(parent + "/job-", Guid.NewGuid());
        var resend = LostCreate.Resend(client, path, Data, CreateMode.PersistentSequential, null, CancellationToken.None, isProtected: true);
        // What the lost attempt did on the server before its reply was lost, beside another client's protected node.
        var lostAttempt = await client.CreateAsync(path, Data, CreateMode.PersistentSequential).WithDeadline();
        await client.CreateAsync(ProtectedCreate.ProtectPath(parent + "/job-", Guid.NewGuid()), Data, CreateMode.PersistentSequential).WithDeadline();

        var confirmed = await resend(Lost(sent: true))!().WithDeadline();

        Assert.Equal(lostAttempt.Path, confirmed.Path);
        Assert.Equal(2, (await client.GetChildrenAsync(parent).WithDeadline()).Children.Count);
    }

    [Fact]
    public async Task ASentProtectedSequentialCreate_WhoseNodeIsMissing_IsCreatedOnce()
    {
        var parent = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(parent, null).WithDeadline();
        var path = ProtectedCreate.ProtectPath(parent + "/job-", Guid.NewGuid());
        var resend = LostCreate.Resend(client, path, Data, CreateMode.EphemeralSequential, null, CancellationToken.None, isProtected: true);

        var created = await resend(Lost(sent: true))!().WithDeadline();

        Assert.StartsWith(path, created.Path);
        Assert.Equal(new[] { ZooKeeperPath.GetName(created.Path) }, (await client.GetChildrenAsync(parent).WithDeadline()).Children);
    }
}
