using System.IO;
using Xunit;

namespace ZooKeeperPS.Tests.Module;

/// <summary>
/// How the ZooKeeper provider reads the paths PowerShell hands it: the session tag first, either separator, and the
/// "." and ".." PowerShell builds into paths (tag/app/../app) resolved without leaving the session's tree.
/// </summary>
public sealed class ProviderPathTests
{
    [Theory]
    [InlineData("0x1a", "0x1a", "/")]
    [InlineData("0x1a/app/config", "0x1a", "/app/config")]
    [InlineData(@"0x1a\app\config", "0x1a", "/app/config")]
    [InlineData("0x1a/app/../app/./config/", "0x1a", "/app/config")]
    [InlineData("0x1a/../..", "0x1a", "/")]
    [InlineData("0x1a//app", "0x1a", "/app")]
    [InlineData("/app/config", null, "/app/config")]
    [InlineData("/", null, "/")]
    public void ParsesTheSessionTagAndTheZnodePath(string path, string? tag, string node)
    {
        var parsed = ProviderPath.Parse(path);
        Assert.Equal(tag, parsed.Tag);
        Assert.Equal(node, parsed.Node);
    }

    [Fact]
    public void FormatsWithPowerShellsSeparatorAndTheTagAloneForTheRoot()
    {
        var separator = Path.DirectorySeparatorChar;
        Assert.Equal("0x1a", ProviderPath.Format("0x1a", "/"));
        Assert.Equal($"0x1a{separator}app{separator}x", ProviderPath.Format("0x1a", "/app/x"));
        Assert.Equal($"{separator}app", ProviderPath.Format(null, "/app"));
        Assert.Equal("/app/x", ProviderPath.Parse(ProviderPath.Format("0x1a", "/app/x")).Node);
    }
}
