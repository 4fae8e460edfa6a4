using System;
using System.Diagnostics;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Module;

/// <summary>
/// Suspends a server the test run started (SIGSTOP) until disposed (SIGCONT): requests sent meanwhile stay in flight,
/// so that a test knows for sure what is still waiting for its reply.
/// </summary>
internal sealed class FrozenServer : IDisposable
{
    private readonly int _processId;

    public FrozenServer(ZooKeeperServer server)
    {
        _processId = server.ProcessId;
        Signal("STOP");
    }

    public void Dispose() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {_processId}")
            ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {_processId} failed.");
    }
}
