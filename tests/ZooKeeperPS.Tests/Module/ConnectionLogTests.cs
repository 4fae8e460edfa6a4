using System.Collections.Generic;
using Xunit;

namespace ZooKeeperPS.Tests.Module;

/// <summary>The connection log behind -Verbose: messages in order, a message repeated in a row said once with its count.</summary>
public sealed class ConnectionLogTests
{
    [Fact]
    public void SaysAMessageRepeatedInARowOnce_WithItsCount()
    {
        var log = new ConnectionLog();
        log.Add("disconnected");
        for (var i = 0; i < 6; i++)
        {
            log.Add("connect failed: refused");
        }
        log.Add("connected");
        log.Add("connect failed: refused");

        Assert.Equal(new[] { "disconnected", "connect failed: refused (6 times)", "connected", "connect failed: refused" }, TakeAll(log));
    }

    [Fact]
    public void CountsARepeatAfterATakeAfresh()
    {
        var log = new ConnectionLog();
        log.Add("connect failed: refused");
        var first = TakeAll(log);
        log.Add("connect failed: refused");
        log.Add("connect failed: refused");

        Assert.Equal(new[] { "connect failed: refused" }, first);
        Assert.Equal(new[] { "connect failed: refused (2 times)" }, TakeAll(log));
    }

    [Fact]
    public void KeepsOnlyTheNewestMessages_WhileNobodyReads()
    {
        var log = new ConnectionLog();
        for (var i = 0; i < 1000; i++)
        {
            log.Add($"message {i}");
        }

        var taken = TakeAll(log);

        Assert.Equal(200, taken.Count);
        Assert.Equal("message 999", taken[^1]);
    }

    private static List<string> TakeAll(ConnectionLog log)
    {
        var messages = new List<string>();
        while (log.TryTake(out var message))
        {
            messages.Add(message);
        }
        return messages;
    }
}
