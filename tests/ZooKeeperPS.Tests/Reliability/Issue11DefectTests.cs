using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>
/// Issue 11, defects 2, 5 and 7, against the shared real server through <see cref="MutatingProxy"/>: a reply that
/// cannot be right is a protocol error of the connection (dropped at once; its call fails with ConnectionLoss), and
/// a session that can never reconnect is reported expired after 4/3 of its timeout.
/// </summary>
[Collection("ZooKeeper")]
public sealed class Issue11DefectTests
{
    /// <summary>A frame that cannot be right is detected within 1 s; one more second absorbs a loaded machine.</summary>
    private static readonly TimeSpan DetectionLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ShortSession = TimeSpan.FromSeconds(4);

    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public Issue11DefectTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Defect2_ReplyClaimingOneMebibyteMoreThanFollows_FailsItsCallWithConnectionLoss_WithinTheSessionTimeout_ThoughPingsKeepArriving()
    {
        using var proxy = new MutatingProxy(_fixture.Server.ClientPort);
        using var client = await ConnectAsync(proxy, ShortSession);
        var rewritten = proxy.RewriteNextReply(Frames.ReplyTo(Frames.OpGetData), Frames.LengthChangedBy(1024 * 1024));

        var limit = client.NegotiatedSessionTimeout + TimeSpan.FromSeconds(1);
        var outcome = await Bounded.RunAsync(() => client.GetDataAsync("/"), limit);

        await rewritten.WithDeadline();
        AssertConnectionLoss(outcome, limit, "a reply whose length prefix claims 1 MiB more than follows");
        proxy.CutAll(); // lets Dispose close the session on a fresh connection instead of waiting for the stuck one
    }

    [Fact]
    public async Task Defect2_ReplyWhoseXidWasRewrittenToThePingXid_IsAProtocolError_ItsCallFailsWithConnectionLoss()
    {
        using var proxy = new MutatingProxy(_fixture.Server.ClientPort);
        using var client = await ConnectAsync(proxy, ShortSession);
        var rewritten = proxy.RewriteNextReply(Frames.ReplyTo(Frames.OpGetData), Frames.XidSetTo(-2));

        var outcome = await Bounded.RunAsync(() => client.GetDataAsync("/"), DetectionLimit);

        await rewritten.WithDeadline();
        AssertConnectionLoss(outcome, DetectionLimit, "a getData reply whose xid was rewritten to -2 (a ping reply nobody asked for)");
        proxy.CutAll();
    }

    [Fact]
    public async Task Defect2_ReplyFrameLongerThanTheDefaultJuteMaxBuffer_IsAProtocolErrorAtOnce()
    {
        using var proxy = new MutatingProxy(_fixture.Server.ClientPort);
        using var client = await ConnectAsync(proxy, ShortSession);
        // One byte over jute.maxbuffer's default (1 MiB - 1), which the Java client also applies to what it reads.
        var rewritten = proxy.RewriteNextReply(Frames.ReplyTo(Frames.OpGetData), Frames.LengthSetTo(1024 * 1024));

        var outcome = await Bounded.RunAsync(() => client.GetDataAsync("/"), DetectionLimit);

        await rewritten.WithDeadline();
        AssertConnectionLoss(outcome, DetectionLimit, "a reply frame whose length prefix (1,048,576) exceeds the default jute.maxbuffer (1,048,575)");
        proxy.CutAll();
    }

    [Fact]
    public async Task Defect5_ChildNameThatIsNotUtf8_IsAProtocolError_TheListingFailsWithConnectionLoss_AndTheNextListingIsRight()
    {
        var root = _fixture.UniqueRoot();
        using (var writer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output))
        {
            await writer.CreateAsync(root, null).WithDeadline();
            await writer.CreateAsync(root + "/alpha", null).WithDeadline();
            await writer.CreateAsync(root + "/beta", null).WithDeadline();
        }

        using var proxy = new MutatingProxy(_fixture.Server.ClientPort);
        using var client = await ConnectAsync(proxy, ShortSession);
        var rewritten = proxy.RewriteNextReply(Frames.ReplyTo(Frames.OpGetChildren2), Frames.FirstChildNameNotUtf8());

        var outcome = await Bounded.RunAsync(() => client.GetChildrenAsync(root), DetectionLimit);

        await rewritten.WithDeadline();
        var listed = outcome.Task is Task<ChildrenResult> { Status: TaskStatus.RanToCompletion } done
            ? " (the names it returned: " + string.Join(", ", done.Result.Children.Select(name => $"'{Escape(name)}'")) + ")"
            : "";
        AssertConnectionLoss(outcome, DetectionLimit, "a getChildren2 reply whose first child name is not UTF-8", listed);
        var again = await client.GetChildrenAsync(root).WithDeadline();
        Assert.Equal(new[] { "alpha", "beta" }, again.Children.OrderBy(name => name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Defect7_SessionWhoseLastZxidIsAheadOfEveryServer_IsReportedExpired_WithinFourThirdsOfItsTimeout()
    {
        using var proxy = new MutatingProxy(_fixture.Server.ClientPort);
        using var client = await ConnectAsync(proxy, ShortSession);
        var before = (await client.ExistsAsync("/").WithDeadline())!;
        // Bit 40 lies in the epoch half of the zxid: the session has then "seen" a zxid no server has, and every
        // server refuses its reconnects. The connection is cut right after, before a true zxid can replace it.
        var rewritten = proxy.RewriteNextReply(Frames.ReplyTo(Frames.OpGetData), Frames.ZxidBitFlipped(40, cutAfter: true));
        await client.GetDataAsync("/").WithDeadline();
        var original = await rewritten.WithDeadline();
        Assert.True(client.LastZxid > original.Zxid, "precondition: the session holds the flipped zxid");

        var limit = TimeSpan.FromTicks(client.NegotiatedSessionTimeout.Ticks * 4 / 3) + TimeSpan.FromSeconds(2);
        var expired = await Bounded.UntilAsync(() => client.State == ConnectionState.Expired, limit);

        Assert.True(expired,
            $"{limit.TotalSeconds:0.0} s after the cut (4/3 of the {client.NegotiatedSessionTimeout.TotalSeconds:0} s session + 2 s), " +
            $"the session is {client.State}, not Expired; its last zxid 0x{client.LastZxid:x} is ahead of the server's " +
            $"(about 0x{Math.Max(before.Mzxid, original.Zxid):x}), so no reconnect can succeed; " +
            $"the proxy saw {proxy.ConnectionCount} connections.");
        await Assert.ThrowsAsync<ZooKeeperException>(() => client.ExistsAsync("/").WithDeadline());
    }

    private Task<ZooKeeperClient> ConnectAsync(MutatingProxy proxy, TimeSpan sessionTimeout) =>
        TestClient.ConnectAsync(proxy.ConnectionString, _output, options => options.SessionTimeout = sessionTimeout);

    private static void AssertConnectionLoss(Outcome outcome, TimeSpan limit, string what, string detail = "")
    {
        Assert.True(outcome.Completed && outcome.Error is ZooKeeperException { Code: ErrorCode.ConnectionLoss },
            $"After {what}, the call should fail with ConnectionLoss within {limit.TotalSeconds:0.#} s; it {outcome}{detail}.");
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
}
