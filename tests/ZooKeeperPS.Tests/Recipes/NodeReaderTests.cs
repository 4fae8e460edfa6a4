using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Recipes;

[Collection("ZooKeeper")]
public sealed class NodeReaderTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public NodeReaderTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("3.5.10", false)]
    public async Task ReadsEachNode_InOrder_AndLearnsWhetherTheServerHasMultiRead(string? serverVersion, bool multiRead)
    {
        var root = _fixture.UniqueRoot();
        using var setup = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await setup.CreateAsync(root, Encoding.UTF8.GetBytes("root")).WithDeadline();
        await setup.CreateAsync(root + "/a", Encoding.UTF8.GetBytes("a")).WithDeadline();
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { FakeVersion = serverVersion };
        using var client = await TestClient.ConnectAsync(proxy.ConnectionString, _output);
        var reader = new NodeReader(client);
        var paths = new[] { root + "/a", root + "/missing", root };

        var data = await reader.ReadAsync(paths, NodeReadKind.Data).WithDeadline();
        var children = await reader.ReadAsync(paths, NodeReadKind.Children).WithDeadline();

        Assert.Equal(paths, data.Select(read => read.Path));
        Assert.Equal(new[] { "a", null, "root" }, data.Select(read => read.Data is null ? null : Encoding.UTF8.GetString(read.Data.Data)));
        Assert.Equal(ErrorCode.NoNode, Assert.IsType<ZooKeeperException>(data[1].Failure).Code);
        Assert.Equal(new[] { "", null, "a" }, children.Select(read => read.Children is null ? null : string.Join(",", read.Children)));
        Assert.Equal(multiRead, reader.UsesMultiRead);
    }

    [Fact]
    public async Task GivesEveryNodeTheFailureOfTheRequest_WithoutFailingItself()
    {
        var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CloseAsync().WithDeadline();
        var reader = new NodeReader(client);

        var single = await reader.ReadAsync(new[] { "/a" }, NodeReadKind.Data).WithDeadline();
        var many = await reader.ReadAsync(new[] { "/a", "/b" }, NodeReadKind.Children).WithDeadline();

        Assert.IsType<SessionClosedException>(Assert.Single(single).Failure);
        Assert.All(many, read => Assert.IsType<SessionClosedException>(read.Failure));
        client.Dispose();
    }
}
