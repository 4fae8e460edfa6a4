using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>
/// Issue 11, defect 6: every task the client starts is observed, so a failed call or connect never surfaces later as
/// TaskScheduler.UnobservedTaskException. Runs alone: the event is process-wide.
/// </summary>
[Collection(RunAloneCollection.Name)]
public sealed class Issue11UnobservedTaskTests
{
    private readonly ITestOutputHelper _output;

    public Issue11UnobservedTaskTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Defect6_FailedConnects_LeaveNoUnobservedTaskException()
    {
        var nobodyListens = UnusedLoopbackPort();
        using var recorder = new UnobservedExceptionRecorder();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var options = new ZooKeeperClientOptions
            {
                ConnectionString = "127.0.0.1:" + nobodyListens,
                ConnectTimeout = TimeSpan.FromMilliseconds(300),
            };
            var error = await Assert.ThrowsAsync<ZooKeeperException>(() => ZooKeeperClient.ConnectAsync(options).WithDeadline());
            Assert.Equal(ErrorCode.ConnectionLoss, error.Code);
        }

        await Task.Delay(500); // the connection loops wind down after the failed connects
        var unobserved = recorder.Collect();
        _output.WriteLine($"unobserved task exceptions after 5 failed connects: {unobserved.Count}");
        Assert.True(unobserved.Count == 0,
            $"5 failed connects left {unobserved.Count} unobserved task exception(s): {UnobservedExceptionRecorder.Describe(unobserved)}.");
    }

    private static int UnusedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
