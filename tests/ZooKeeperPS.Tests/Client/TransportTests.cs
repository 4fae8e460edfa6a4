using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>The transport seam: every connection the session opens (its own and its four-letter words) goes through it.</summary>
[Collection("ZooKeeper")]
public sealed class TransportTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public TransportTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task ASessionsConnections_AllGoThroughTheTransport()
    {
        var transport = new CountingTransport();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output, o => o.Transport = transport);
        Assert.Equal(1, transport.Connections);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());

        // The version probe (srvr) is a connection of its own, through the same transport.
        Assert.NotNull(await client.GetServerVersionAsync().WithDeadline());
        Assert.Equal(2, transport.Connections);

        // So is every reconnect.
        var reconnected = client.WhenState(ConnectionState.Connected);
        client.DropConnection();
        await reconnected.WithDeadline();
        Assert.Equal(3, transport.Connections);
        Assert.NotNull(await client.ExistsAsync("/").WithDeadline());
        Assert.All(transport.Servers, server => Assert.Equal(_fixture.Server.ClientPort, server.Port));
    }

    [Fact]
    public async Task ATransportThatFails_FailsConnectWithItsReason()
    {
        var options = new ZooKeeperClientOptions
        {
            ConnectionString = _fixture.ConnectionString,
            ConnectTimeout = TimeSpan.FromSeconds(1.5),
            Transport = new FailingTransport(),
        };
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => ZooKeeperClient.ConnectAsync(options).WithDeadline());
        Assert.Equal(ErrorCode.ConnectionLoss, error.Code);
        Assert.Contains(FailingTransport.Reason, error.Message);
    }

    [Fact]
    public async Task FourLetterWords_GoThroughTheirTransport()
    {
        var transport = new CountingTransport();
        var words = new FourLetterWordClient(transport);
        Assert.Equal("imok", await words.SendAsync(_fixture.ConnectionString, "ruok", TimeSpan.FromSeconds(5)).WithDeadline());
        Assert.Equal(1, transport.Connections);
        Assert.Equal(_fixture.Server.ClientPort, transport.Servers.Single().Port);
    }

    [Fact]
    public void HostEndpoints_ParseLikeTheConnectionString_AndCompareWithoutCase()
    {
        Assert.Equal(new HostEndpoint("zk1", 2182), HostEndpoint.Parse("zk1:2182"));
        Assert.Equal(new HostEndpoint("ZK1", 2182), HostEndpoint.Parse("zk1:2182"));
        Assert.Equal(new HostEndpoint("::1", 2183), HostEndpoint.Parse("[::1]:2183"));
        Assert.Equal(HostEndpoint.DefaultPort, HostEndpoint.Parse("zk1").Port);
        Assert.Equal("[::1]:2183", HostEndpoint.Parse("[::1]:2183").ToString());
        Assert.NotEqual(new HostEndpoint("zk1", 2181), new HostEndpoint("zk1", 2182));
        var error = Assert.Throws<FormatException>(() => HostEndpoint.Parse("zk1:x"));
        Assert.Contains("'x' is not a port number", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HostEndpoint("zk1", 0));
    }

    private sealed class FailingTransport : IConnectionTransport
    {
        public const string Reason = "the test's transport refuses every connection";

        public Task<Stream> ConnectAsync(HostEndpoint server, CancellationToken cancellationToken) =>
            Task.FromException<Stream>(new IOException(Reason));
    }
}
