using System;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>The public four-letter-word client against the harness server (whose whitelist allows every word).</summary>
[Collection("ZooKeeper")]
public sealed class FourLetterWordClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly StandaloneServerFixture _fixture;
    private readonly FourLetterWordClient _words = new();

    public FourLetterWordClientTests(StandaloneServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Ruok_IsAnsweredImok()
    {
        Assert.Equal("imok", await _words.SendAsync(_fixture.ConnectionString, "ruok", Timeout).WithDeadline());
    }

    [Fact]
    public async Task Srvr_GivesTheVersionAndTheMode()
    {
        var server = new HostEndpoint("127.0.0.1", _fixture.Server.ClientPort);
        var answer = await _words.SendAsync(server, "srvr", Timeout).WithDeadline();
        Assert.Matches(@"Zookeeper version: \d+\.\d+\.\d+", answer);
        Assert.Contains("Mode: standalone", answer);
    }

    [Fact]
    public async Task Mntr_GivesKeyValueLines()
    {
        var answer = await _words.SendAsync(_fixture.ConnectionString, "mntr", Timeout).WithDeadline();
        Assert.Matches(@"(?m)^zk_version\t\d+\.\d+\.\d+", answer);
        Assert.Matches(@"(?m)^zk_server_state\tstandalone$", answer);
    }

    [Theory]
    [InlineData("ruo")]
    [InlineData("ruok!")]
    [InlineData("RUOK")]
    public void NotAFourLetterWord_IsAFaultedTask_NotAThrow(string word)
    {
        var call = _words.SendAsync(_fixture.ConnectionString, word, Timeout);
        Assert.True(call.IsFaulted);
        Assert.IsType<ArgumentException>(call.Exception!.InnerException);
    }

    [Fact]
    public async Task AFrozenServer_TimesOut()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { HoldFourLetterWords = true };
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            _words.SendAsync(proxy.ConnectionString, "srvr", TimeSpan.FromMilliseconds(300)).WithDeadline());
        Assert.Contains("did not answer 'srvr'", error.Message);
        await TestClient.WaitUntilAsync(() => proxy.HeldFourLetterWords == 0); // the client closed its connection
    }

    [Fact]
    public async Task Cancelling_EndsTheCallAndItsConnection()
    {
        using var proxy = new TcpProxy(_fixture.Server.ClientPort) { HoldFourLetterWords = true };
        using var cancel = new CancellationTokenSource();
        var call = _words.SendAsync(proxy.ConnectionString, "srvr", TimeSpan.FromMinutes(1), cancel.Token);
        await TestClient.WaitUntilAsync(() => proxy.HeldFourLetterWords == 1);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WithDeadline());
        await TestClient.WaitUntilAsync(() => proxy.HeldFourLetterWords == 0);
    }
}
