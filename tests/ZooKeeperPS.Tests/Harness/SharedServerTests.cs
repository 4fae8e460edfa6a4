using System.Text.RegularExpressions;

namespace ZooKeeperPS.Tests.Harness
{
    [Collection("ZooKeeper")]
    public sealed class SharedServerTests
    {
        private readonly StandaloneServerFixture fixture;

        public SharedServerTests(StandaloneServerFixture fixture)
        {
            this.fixture = fixture;
        }

        [Fact]
        public void SharedServer_AnswersRuok()
        {
            Assert.Equal("imok", fixture.Server.FourLetterWord("ruok"));
        }

        [Fact]
        public void SharedServer_RunsStandaloneOnLoopback()
        {
            Assert.Contains("Mode: standalone", fixture.Server.FourLetterWord("srvr"));
            Assert.Equal("127.0.0.1:" + fixture.Server.ClientPort, fixture.ConnectionString);
        }

        [Fact]
        public void SharedServer_HasTheSettingsTheTestsRelyOn()
        {
            // conf prints the effective configuration; the short tick keeps session-expiry tests fast.
            string conf = fixture.Server.FourLetterWord("conf");

            Assert.Matches(new Regex(@"tickTime=500\b"), conf);
            Assert.Matches(new Regex(@"minSessionTimeout=1000\b"), conf);
            Assert.Matches(new Regex(@"maxClientCnxns=0\b"), conf);
        }

        [Fact]
        public void UniqueRoot_IsAFreshAbsolutePathEachTime()
        {
            string first = fixture.UniqueRoot();
            string second = fixture.UniqueRoot();

            Assert.StartsWith("/", first);
            Assert.DoesNotContain("/", first.Substring(1));
            Assert.NotEqual(first, second);
        }
    }
}
