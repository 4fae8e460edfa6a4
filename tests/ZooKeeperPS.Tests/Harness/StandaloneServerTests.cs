using System.IO;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Harness;

/// <summary>The life cycle of a server of its own: these tests stop and kill it, so they do not use the shared one.</summary>
public sealed class StandaloneServerTests
{
    [Fact]
    public void Kill_EndsTheProcess_StartServesAgainOnTheSamePort_AndDisposeLeavesNothing()
    {
        using var server = ZooKeeperServer.StartStandalone();
        int port = server.ClientPort;
        int firstPid = server.ProcessId;

        server.Kill();

        Assert.True(ProcessCheck.IsGone(firstPid));
        Assert.False(server.IsRunning);

        server.Start();

        Assert.Equal(port, server.ClientPort);
        Assert.NotEqual(firstPid, server.ProcessId);
        Assert.Equal("imok", server.FourLetterWord("ruok"));

        int secondPid = server.ProcessId;
        server.Dispose();

        Assert.True(ProcessCheck.IsGone(secondPid));
        Assert.False(Directory.Exists(server.DataDirectory));
    }

    [Fact]
    public void Stop_EndsTheProcess_AndKeepsTheDataFolderUntilDispose()
    {
        var server = ZooKeeperServer.StartStandalone();
        try
        {
            int pid = server.ProcessId;

            server.Stop();

            Assert.True(ProcessCheck.IsGone(pid));
            Assert.True(File.Exists(Path.Combine(server.DataDirectory, "zoo.cfg")));
        }
        finally
        {
            server.Dispose();
        }

        Assert.False(Directory.Exists(server.DataDirectory));
    }
}
