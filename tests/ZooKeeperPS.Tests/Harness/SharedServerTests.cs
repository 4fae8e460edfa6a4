using System.Text.RegularExpressions;

namespace ZooKeeperPS.Tests.Harness;

[Collection("ZooKeeper")]
public sealed class SharedServerTests
{
    private readonly StandaloneServerFixture _fixture;

    public SharedServerTests(StandaloneServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void SharedServer_AnswersRuok()
    {
        Assert.Equal("imok", _fixture.Server.FourLetterWord("ruok"));
    }

    [Fact]
    public void SharedServer_RunsStandaloneOnLoopback()
    {
        Assert.Contains("Mode: standalone", _fixture.Server.FourLetterWord("srvr"));
        Assert.Equal("127.0.0.1:" + _fixture.Server.ClientPort, _fixture.ConnectionString);
    }

    [Fact]
    public void SharedServer_HasTheSettingsTheTestsRelyOn()
    {
        // conf prints the effective configuration; the short tick keeps session-expiry tests fast.
        string conf = _fixture.Server.FourLetterWord("conf");

        Assert.Matches(new Regex(@"tickTime=500\b"), conf);
        Assert.Matches(new Regex(@"minSessionTimeout=1000\b"), conf);
        Assert.Matches(new Regex(@"maxClientCnxns=0\b"), conf);
    }

    [Fact]
    public void UniqueRoot_IsAFreshAbsolutePathEachTime()
    {
        string first = _fixture.UniqueRoot();
        string second = _fixture.UniqueRoot();

        Assert.StartsWith("/", first);
        Assert.DoesNotContain("/", first.Substring(1));
        Assert.NotEqual(first, second);
    }
}
