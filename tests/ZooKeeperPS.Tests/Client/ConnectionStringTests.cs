using System;
using System.Linq;
using ZooKeeperPS.Client.Connection;

namespace ZooKeeperPS.Tests.Client;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Parses_HostsPortsIPv6AndChroot()
    {
        var parsed = ConnectionString.Parse("zk1:2182, [::1]:2183,[fe80::1],10.0.0.1/app/sub");
        Assert.Equal(new[] { "zk1:2182", "[::1]:2183", "[fe80::1]:2181", "10.0.0.1:2181" }, parsed.Hosts.Select(h => h.ToString()));
        Assert.Equal("::1", parsed.Hosts[1].Host);
        Assert.Equal("/app/sub", parsed.Chroot);
    }

    [Fact]
    public void RootChroot_IsNone()
    {
        Assert.Null(ConnectionString.Parse("127.0.0.1:2181/").Chroot);
        Assert.Null(ConnectionString.Parse("127.0.0.1:2181").Chroot);
    }

    [Fact]
    public void HostList_VisitsEveryHostOncePerPass()
    {
        var hosts = ConnectionString.Parse("a,b,c,d").Hosts;
        var list = new HostList(hosts, new Random(7));
        var pass = Enumerable.Range(0, 4).Select(i => list.Next().Host).ToArray();
        Assert.Equal(new[] { "a", "b", "c", "d" }, pass.OrderBy(h => h));
        Assert.Equal(pass, Enumerable.Range(0, 4).Select(i => list.Next().Host)); // the next pass, in the same order
    }

    [Fact]
    public void Chroot_StripsOnlyAtASlashBoundary()
    {
        var chroot = new ZooKeeperPS.Client.Chroot("/app");
        Assert.Equal("/", chroot.ToClient("/app"));
        Assert.Equal("/x", chroot.ToClient("/app/x"));
        Assert.Equal("/apple/x", chroot.ToClient("/apple/x"));
        Assert.Equal("/app", chroot.ToServer("/"));
        Assert.Equal("/app/x", chroot.ToServer("/x"));
    }
}
