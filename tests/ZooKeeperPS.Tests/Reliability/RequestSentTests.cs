using System;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>
/// ZooKeeperException.RequestSent, which the cmdlets use to resend a create safely after a connection loss: a
/// request that never left the client is known to have done nothing; one that was sent has an unknown outcome.
/// </summary>
[Collection("ZooKeeper")]
public sealed class RequestSentTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public RequestSentTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task CreateSentBeforeTheLoss_IsReportedAsSent_AndMayHaveHappened()
    {
        var path = _fixture.UniqueRoot();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        using var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);

        // The server hears the create but its reply never comes back: the classic unknown outcome.
        proxy.Silence();
        var create = client.CreateAsync(path, null);
        await TestClient.WaitUntilAsync(async () => await observer.ExistsAsync(path) != null);
        proxy.Accepting = false;
        proxy.DropAll();

        var lost = await Assert.ThrowsAsync<ZooKeeperException>(() => create.WithDeadline());
        Assert.Equal(ErrorCode.ConnectionLoss, lost.Code);
        Assert.True(lost.RequestSent);
        Assert.NotNull(await observer.ExistsAsync(path).WithDeadline());
    }

    [Fact]
    public async Task CreateQueuedWhileNoServerIsReachable_IsReportedAsNotSent_AndDidNotHappen()
    {
        var path = _fixture.UniqueRoot();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort);
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        using var observer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        proxy.Accepting = false;
        proxy.DropAll();
        await TestClient.WaitUntilAsync(() => client.State == ConnectionState.Disconnected);

        var lost = await Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync(path, null).WithDeadline());

        Assert.Equal(ErrorCode.ConnectionLoss, lost.Code);
        Assert.False(lost.RequestSent);
        Assert.Null(await observer.ExistsAsync(path).WithDeadline());
    }
}
