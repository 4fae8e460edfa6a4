using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

[Collection("ZooKeeper")]
public sealed class MultiTests
{
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public MultiTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Multi_AppliesEveryOperation_AndReturnsTypedResults(bool chrooted)
    {
        var root = _fixture.UniqueRoot();
        using var setup = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await setup.CreateAsync(root, null).WithDeadline();
        await setup.CreateAsync(root + "/old", null).WithDeadline();
        using var client = chrooted ? await TestClient.ConnectAsync(_fixture.ConnectionString + root, _output) : setup;
        var prefix = chrooted ? "" : root;

        var results = await client.MultiAsync(new[]
        {
            Op.Create(prefix + "/a", Encoding.UTF8.GetBytes("1")),
            Op.Create(prefix + "/seq-", null, CreateMode.PersistentSequential),
            Op.SetData(prefix + "/a", Encoding.UTF8.GetBytes("2"), version: 0),
            Op.Check(prefix + "/a", 1),
            Op.Delete(prefix + "/old"),
        }).WithDeadline();

        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal(ErrorCode.Ok, r.Error));
        Assert.Equal(prefix + "/a", Assert.IsType<CreateOpResult>(results[0]).Path);
        Assert.Equal(prefix + "/seq-0000000002", Assert.IsType<CreateOpResult>(results[1]).Path);
        Assert.Equal(1, Assert.IsType<SetDataOpResult>(results[2]).Stat.Version);
        Assert.IsType<CheckOpResult>(results[3]);
        Assert.IsType<DeleteOpResult>(results[4]);
        Assert.Equal("2", Encoding.UTF8.GetString((await setup.GetDataAsync(root + "/a").WithDeadline()).Data));
        Assert.Null(await setup.ExistsAsync(root + "/old").WithDeadline());
    }

    [Fact]
    public async Task FailedMulti_AppliesNothing_AndNamesTheFailingOperation()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, null).WithDeadline();

        var error = await Assert.ThrowsAsync<MultiOperationException>(() => client.MultiAsync(new[]
        {
            Op.Create(root + "/a", null),
            Op.Create(root + "/b", null),
            Op.Check(root + "/a", 5),
            Op.Delete(root + "/missing"),
        }).WithDeadline());

        Assert.Equal(2, error.FailedOpIndex);
        Assert.Equal(ErrorCode.BadVersion, error.Code);
        Assert.Equal(root + "/a", error.Path);
        Assert.Equal(new[] { ErrorCode.Ok, ErrorCode.Ok, ErrorCode.BadVersion, ErrorCode.RuntimeInconsistency },
            error.Results.Select(r => r.Error).ToArray());
        Assert.Empty((await client.GetChildrenAsync(root).WithDeadline()).Children);
    }

    [Fact]
    public async Task MultiRead_ReturnsIndependentResults()
    {
        var root = _fixture.UniqueRoot();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await client.CreateAsync(root, Encoding.UTF8.GetBytes("r")).WithDeadline();
        await client.CreateAsync(root + "/c", null).WithDeadline();

        var results = await client.MultiReadAsync(new[] { Op.GetData(root), Op.GetChildren(root), Op.GetData(root + "/missing") }).WithDeadline();

        Assert.Equal("r", Encoding.UTF8.GetString(Assert.IsType<GetDataOpResult>(results[0]).Data));
        Assert.Equal(new[] { "c" }, Assert.IsType<GetChildrenOpResult>(results[1]).Children);
        Assert.Equal(ErrorCode.NoNode, Assert.IsType<ErrorOpResult>(results[2]).Error);
    }

    [Fact]
    public async Task GetEphemeralsAndAllChildrenNumber()
    {
        var root = _fixture.UniqueRoot();
        using var setup = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await setup.CreateAsync(root, null).WithDeadline();
        using var client = await TestClient.ConnectAsync(_fixture.ConnectionString + root, _output);
        await client.CreateAsync("/p", null).WithDeadline();
        await client.CreateAsync("/p/e1", null, CreateMode.Ephemeral).WithDeadline();
        await client.CreateAsync("/p/q", null).WithDeadline();
        await client.CreateAsync("/p/q/e2", null, CreateMode.Ephemeral).WithDeadline();

        Assert.Equal(new[] { "/p/e1", "/p/q/e2" }, (await client.GetEphemeralsAsync().WithDeadline()).OrderBy(p => p).ToArray());
        Assert.Equal(new[] { "/p/q/e2" }, (await client.GetEphemeralsAsync("/p/q").WithDeadline()).ToArray());
        Assert.Equal(3, await client.GetAllChildrenNumberAsync("/p").WithDeadline());
        Assert.Equal(4, await setup.GetAllChildrenNumberAsync(root).WithDeadline());
    }
}
