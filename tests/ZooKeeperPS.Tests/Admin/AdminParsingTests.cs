using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Admin;

namespace ZooKeeperPS.Tests.Admin;

/// <summary>
/// How the answers of srvr, mntr, cons, dump, the AdminServer and /zookeeper/config are read, from texts in the shape
/// ZooKeeper 3.8 writes them (the Pester tests read the real ones), and the AdminServer client against a bare HTTP
/// server that answers in chunks.
/// </summary>
public sealed class AdminParsingTests
{
    private static readonly HostEndpoint Server = new("127.0.0.1", 2181);

    [Fact]
    public void SrvrAndMntr_GiveModeZxidLatencyAndTheLeadersFigures()
    {
        const string srvr = "Zookeeper version: 3.8.0-abc, built on 2024-12-29 17:54 UTC\nLatency min/avg/max: 1/2.5/9\nReceived: 10\nSent: 9\n" +
                            "Connections: 2\nOutstanding: 0\nZxid: 0x100000004\nMode: leader\nNode count: 7\nProposal sizes last/min/max: 48/48/90\n";
        const string mntr = "zk_version\t3.8.0-abc, built on 2024-12-29 17:54 UTC\nzk_server_state\tleader\nzk_znode_count\t7\nzk_watch_count\t3\n" +
                            "zk_ephemerals_count\t1\nzk_approximate_data_size\t120\nzk_open_file_descriptor_count\t60\nzk_followers\t2\nzk_synced_followers\t2\n";

        var status = ServerStatus.FromFourLetterWords(Server, srvr, mntr);

        Assert.Equal("leader", status.Mode);
        Assert.Equal(0x100000004, status.Zxid);
        Assert.Equal(1, status.MinLatency);
        Assert.Equal(2.5, status.AverageLatency);
        Assert.Equal(9, status.MaxLatency);
        Assert.Equal(7, status.ZnodeCount);
        Assert.Equal(3, status.WatchCount);
        Assert.Equal(1, status.EphemeralsCount);
        Assert.Equal(120, status.ApproximateDataSize);
        Assert.Equal(60, status.OpenFileDescriptors);
        Assert.Equal(2, status.Followers);
        Assert.Equal(2, status.SyncedFollowers);
        Assert.Equal(2, status.Connections);
        Assert.Equal("srvr+mntr", status.Source);
    }

    [Fact]
    public void SrvrAlone_LeavesTheFiguresOnlyMntrHasNull()
    {
        var status = ServerStatus.FromFourLetterWords(Server, "Zookeeper version: 3.8.0\nMode: follower\nZxid: 0x5\nNode count: 5\n", null);

        Assert.Equal("follower", status.Mode);
        Assert.Equal(5, status.Zxid);
        Assert.Null(status.WatchCount);
        Assert.Null(status.Followers);
        Assert.Equal("srvr", status.Source);
    }

    [Fact]
    public void Cons_GivesEachConnectionWithItsSession()
    {
        const string cons =
            " /127.0.0.1:53412[1](queued=0,recved=5,sent=4,sid=0x1000a3c2f5e0000,lop=GETD,est=1701462000000,to=30000,lcxid=0x3,lzxid=0x12,lresp=1701462001000,llat=1,minlat=0,avglat=0.5,maxlat=2)\n" +
            " /127.0.0.1:53413[0](queued=0,recved=1,sent=0)\n\n";

        var connections = ClientConnection.ParseCons(Server, cons);

        Assert.Equal(2, connections.Count);
        var first = connections[0];
        Assert.Equal("127.0.0.1:53412", first.Address);
        Assert.Equal(0x1000a3c2f5e0000, first.SessionId);
        Assert.Equal(5, first.Received);
        Assert.Equal(4, first.Sent);
        Assert.Equal("GETD", first.LastOperation);
        Assert.Equal(TimeSpan.FromSeconds(30), first.SessionTimeout);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1701462000000), first.Established);
        Assert.Equal(0.5, first.AverageLatency);
        Assert.Equal(0x12, first.LastZxid);
        Assert.Null(connections[1].SessionId);
    }

    [Fact]
    public void ConnectionsCommand_GivesEachConnection_PlainAndSecure_WithoutASessionWhenItsIdIsZero()
    {
        var answer = (IReadOnlyDictionary<string, object?>)JsonText.Parse(
            "{\"connections\":[{\"remote_socket_address\":\"127.0.0.1:35874\",\"interest_ops\":1,\"outstanding_requests\":0," +
            "\"packets_received\":4,\"packets_sent\":3,\"session_id\":72058196489338880,\"last_operation\":\"GETD\"," +
            "\"established\":1796182759475,\"session_timeout\":30000,\"last_cxid\":3,\"last_zxid\":18,\"last_response_time\":9193540," +
            "\"last_latency\":2,\"min_latency\":0,\"avg_latency\":18,\"max_latency\":29}]," +
            "\"secure_connections\":[{\"remote_socket_address\":\"127.0.0.1:40000\",\"session_id\":0,\"avg_latency\":0.5}]," +
            "\"command\":\"connections\",\"error\":null}")!;

        var connections = ClientConnection.FromConnectionsCommand(Server, answer);

        Assert.Equal(2, connections.Count);
        var first = connections[0];
        Assert.Equal("127.0.0.1:35874", first.Address);
        Assert.Equal(0x100008c44e70000, first.SessionId);
        Assert.Equal(0, first.Queued);
        Assert.Equal(4, first.Received);
        Assert.Equal(3, first.Sent);
        Assert.Equal("GETD", first.LastOperation);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796182759475), first.Established);
        Assert.Equal(TimeSpan.FromSeconds(30), first.SessionTimeout);
        Assert.Equal(18, first.LastZxid);
        Assert.Equal(18.0, first.AverageLatency);
        Assert.Equal(29, first.MaxLatency);
        Assert.Equal("127.0.0.1:40000", connections[1].Address);
        Assert.Null(connections[1].SessionId);
        Assert.Equal(0.5, connections[1].AverageLatency);
        Assert.Null(connections[1].Received);
    }

    [Fact]
    public void DumpCommand_GivesTheSessionsWithTheirEphemerals()
    {
        var answer = (IReadOnlyDictionary<string, object?>)JsonText.Parse(
            "{\"expiry_time_to_session_ids\":{\"9224000\":[72058196489338880]}," +
            "\"session_id_to_ephemeral_paths\":{\"72058196489338880\":[\"/eph2\",\"/eph1\"],\"72058196489338881\":[]}," +
            "\"command\":\"dump\",\"error\":null}")!;

        var sessions = SessionEphemerals.FromDumpCommand(Server, answer);

        Assert.Equal(new[] { 0x100008c44e70000, 0x100008c44e70001 }, sessions.Select(s => s.SessionId));
        Assert.Equal(new[] { "/eph2", "/eph1" }, sessions[0].Paths);
        Assert.Empty(sessions[1].Paths);
    }

    [Fact]
    public void Dump_GivesTheSessionsWithTheirEphemerals()
    {
        const string dump = "SessionTracker dump:\nSession Sets (2)/(2):\n0 expire at Thu Jan 01 00:00:00 UTC 1970:\n1 expire at Fri Dec 01 10:00:00 UTC 2023:\n" +
                            "\t0x1000a3c2f5e0000\n\t0x1000a3c2f5e0001\nephemeral nodes dump:\nSessions with Ephemerals (2):\n0x1000a3c2f5e0000:\n\t/app/e1\n\t/app/e2\n" +
                            "0x1000a3c2f5e0001:\n\t/lock\nConnections dump:\nConnections Sets (1)/(1):\n";

        var sessions = SessionEphemerals.ParseDump(Server, dump);

        Assert.Equal(new[] { 0x1000a3c2f5e0000, 0x1000a3c2f5e0001 }, sessions.Select(s => s.SessionId));
        Assert.Equal(new[] { "/app/e1", "/app/e2" }, sessions[0].Paths);
        Assert.Equal(new[] { "/lock" }, sessions[1].Paths);
    }

    [Fact]
    public void EnsembleConfig_GivesMembersRolesClientAddressesAndTheVersion()
    {
        var text = "server.1=10.0.0.1:2888:3888:participant;0.0.0.0:2181\nserver.2=[::1]:2889:3889:observer;[::1]:2182\nserver.3=zk3:2890:3890;2183\nversion=100000000\n";

        var config = EnsembleConfig.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(0x100000000, config.Version);
        Assert.Equal(new long[] { 1, 2, 3 }, config.Members.Select(m => m.Id));
        Assert.Equal(new HostEndpoint("10.0.0.1", 2181), config.Members[0].ClientAddress);
        Assert.Equal("observer", config.Members[1].Role);
        Assert.Equal("::1", config.Members[1].Host);
        Assert.Equal(2889, config.Members[1].QuorumPort);
        Assert.Equal(new HostEndpoint("zk3", 2183), config.Members[2].ClientAddress);
        Assert.Equal("participant", config.Members[2].Role);
        Assert.Empty(EnsembleConfig.Parse(Array.Empty<byte>()).Members);
    }

    [Theory]
    [InlineData("server.x=h:1:2")]
    [InlineData("server.1=h:1")]
    [InlineData("server.1=h:1:2:leader")]
    [InlineData("server.1=h:1:2;notaport")]
    [InlineData("4=h:1:2")]
    public void EnsembleMember_RefusesMalformedLines(string line)
    {
        Assert.Throws<FormatException>(() => EnsembleMember.Parse(line));
    }

    [Fact]
    public void JsonText_ReadsNestedObjectsArraysNumbersAndEscapes()
    {
        var value = (Dictionary<string, object?>)JsonText.Parse("{ \"a\" : 1, \"b\": -2.5, \"c\": [true, null, \"x\\u00e9\\n\"], \"d\": { } }")!;

        Assert.Equal(1L, value["a"]);
        Assert.Equal(-2.5, value["b"]);
        Assert.Equal(new object?[] { true, null, "x\u00e9\n" }, (List<object?>)value["c"]!);
        Assert.Empty((Dictionary<string, object?>)value["d"]!);
        Assert.Throws<InvalidDataException>(() => JsonText.Parse("{\"a\": }"));
        Assert.Throws<InvalidDataException>(() => JsonText.Parse("{} x"));
    }

    [Fact]
    public async Task AdminServerClient_ReadsAChunkedAnswer_AndReportsAnHttpError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var client = new AdminServerClient();
            var served = Serve(listener, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                         "c\r\n{\"command\":\"\r\n16\r\nmonitor\",\"error\":null}\r\n0\r\n\r\n");
            var answer = await client.GetAsync(new HostEndpoint("127.0.0.1", port), "monitor", TimeSpan.FromSeconds(5));
            await served;
            Assert.Equal("monitor", answer["command"]);

            served = Serve(listener, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            var failure = await Assert.ThrowsAsync<IOException>(() => client.GetAsync(new HostEndpoint("127.0.0.1", port), "nothing", TimeSpan.FromSeconds(5)));
            await served;
            Assert.Contains("HTTP 404", failure.Message);
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Accepts one connection, reads the request head, writes the response and closes.</summary>
    private static async Task Serve(TcpListener listener, string response)
    {
        using var socket = await listener.AcceptTcpClientAsync();
        var stream = socket.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n"))
        {
            var read = await stream.ReadAsync(buffer, 0, buffer.Length);
            if (read == 0) break;
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        Assert.StartsWith("GET /commands/", head.ToString());
        var bytes = Encoding.ASCII.GetBytes(response);
        await stream.WriteAsync(bytes, 0, bytes.Length);
    }
}
