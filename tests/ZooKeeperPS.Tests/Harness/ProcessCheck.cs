using System;
using System.Diagnostics;

namespace ZooKeeperPS.Tests.Harness;

internal static class ProcessCheck
{
    public static bool IsGone(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
