using System;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

[Collection("ZooKeeper")]
public sealed class QuotaTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public QuotaTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    // What zkCli 3.7+ writes, the pre-3.7 form, and an empty value (read as -1, as StatsTrack does).
    [InlineData("count=5,bytes=-1=;byteHardLimit=100;countHardLimit=-1", 5, -1, -1, 100)]
    [InlineData("count=3,bytes=1024", 3, 1024, -1, -1)]
    [InlineData("count=,bytes=7=;countHardLimit=2", -1, 7, 2, -1)]
    public void QuotaLimits_ReadStatsTrackText(string text, long count, long bytes, long countHard, long bytesHard)
    {
        var limits = QuotaLimits.Parse(text);

        Assert.Equal(count, limits.Count);
        Assert.Equal(bytes, limits.Bytes);
        Assert.Equal(countHard, limits.CountHardLimit);
        Assert.Equal(bytesHard, limits.ByteHardLimit);
    }

    [Fact]
    public void QuotaLimits_WriteWhatZkCliWrites()
    {
        var limits = new QuotaLimits { Count = 10, ByteHardLimit = 4096 };

        Assert.Equal("count=10,bytes=-1=;byteHardLimit=4096;countHardLimit=-1", limits.ToString());
        Assert.Throws<FormatException>(() => QuotaLimits.Parse("count=ten,bytes=-1"));
    }

    [Fact]
    public async Task Quota_UnderAChroot_IsKeptAtTheServersFullPath_AndRemovedWithItsFolders()
    {
        var root = _fixture.UniqueRoot();
        using var plain = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await plain.CreateAsync(root, null).WithDeadline();
        await plain.CreateAsync(root + "/tenant", Encoding.UTF8.GetBytes("abcd")).WithDeadline();
        await plain.CreateAsync(root + "/tenant/x", null).WithDeadline();
        using var chrooted = await TestClient.ConnectAsync(_fixture.ConnectionString + root, _output);

        var quota = await chrooted.SetQuotaAsync("/tenant", new QuotaLimits { Count = 10 }).WithDeadline();

        Assert.Equal("/tenant", quota.Path);
        Assert.Equal(10, quota.Limits.Count);
        Assert.Equal(2, quota.Count);
        Assert.Equal(4, quota.Bytes);
        var stored = await plain.GetDataAsync($"/zookeeper/quota{root}/tenant/zookeeper_limits").WithDeadline();
        Assert.Equal("count=10,bytes=-1=;byteHardLimit=-1;countHardLimit=-1", Encoding.UTF8.GetString(stored.Data));
        Assert.Equal("/tenant", Assert.Single(await chrooted.GetQuotasAsync().WithDeadline()).Path);
        Assert.Equal(root + "/tenant", Assert.Single(await plain.GetQuotasAsync(root).WithDeadline()).Path);

        Assert.True(await chrooted.RemoveQuotaAsync("/tenant").WithDeadline());

        Assert.Null(await plain.ExistsAsync("/zookeeper/quota" + root).WithDeadline());
        Assert.False(await chrooted.RemoveQuotaAsync("/tenant").WithDeadline());
    }

    [Fact]
    public async Task SetQuota_RefusesNestedQuotas_BothWays()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();
        await client.CreateAsync(root + "/a", null).WithDeadline();
        await client.CreateAsync(root + "/a/b", null).WithDeadline();
        await client.SetQuotaAsync(root + "/a", new QuotaLimits { Bytes = 10 }).WithDeadline();
        try
        {
            var below = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SetQuotaAsync(root + "/a/b", new QuotaLimits { Count = 2 }));
            var above = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SetQuotaAsync(root, new QuotaLimits { Count = 2 }));

            Assert.Contains($"has a parent {root}/a", below.Message);
            Assert.Contains($"has a child {root}/a", above.Message);
        }
        finally
        {
            await client.RemoveQuotaAsync(root + "/a").WithDeadline();
        }
    }
}
