using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

/// <summary>The programmer's guide's watch semantics: which read sets which watch, which change fires which event.</summary>
[Collection("ZooKeeper")]
public sealed class WatchTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private readonly StandaloneServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public WatchTests(StandaloneServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private sealed class Recorder
    {
        public readonly BlockingCollection<WatchedEvent> Events = new();

        public void Watch(WatchedEvent e) => Events.Add(e);

        /// <summary>The next node event (state events, which go to every watcher, are skipped).</summary>
        public WatchedEvent Next()
        {
            while (true)
            {
                var e = Events.Next();
                if (e.Type != EventType.None) return e;
            }
        }

        public bool StaysQuiet()
        {
            while (Events.TryTake(out var e, Quiet))
                if (e.Type != EventType.None) return false;
            return true;
        }
    }

    private async Task<(ZooKeeperClient Watcher, ZooKeeperClient Writer, string Root)> ConnectAsync(bool chrooted = false)
    {
        var root = _fixture.UniqueRoot();
        var writer = await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        await writer.CreateAsync(root, null).WithDeadline();
        var watcher = chrooted ? await TestClient.ConnectAsync(_fixture.ConnectionString + root, _output) : await TestClient.ConnectAsync(_fixture.ConnectionString, _output);
        return (watcher, writer, root);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExistsOnMissingNode_FiresCreated_Once(bool chrooted)
    {
        var (client, writer, root) = await ConnectAsync(chrooted);
        using (client)
        using (writer)
        {
            var local = chrooted ? "/n" : root + "/n";
            var recorder = new Recorder();
            Assert.Null(await client.ExistsAsync(local, recorder.Watch).WithDeadline());
            await writer.CreateAsync(root + "/n", null).WithDeadline();
            var e = recorder.Next();
            Assert.Equal(EventType.NodeCreated, e.Type);
            Assert.Equal(KeeperState.SyncConnected, e.State);
            Assert.Equal(local, e.Path);

            await writer.SetDataAsync(root + "/n", new byte[1]).WithDeadline();
            Assert.True(recorder.StaysQuiet(), "a one-shot watch fired twice");
        }
    }

    [Fact]
    public async Task GetDataOnMissingNode_SetsNoWatch()
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var recorder = new Recorder();
            await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync(root + "/n", recorder.Watch).WithDeadline());
            await writer.CreateAsync(root + "/n", null).WithDeadline();
            Assert.True(recorder.StaysQuiet());
        }
    }

    [Theory]
    [InlineData("exists")]
    [InlineData("getData")]
    public async Task DataWatch_FiresChanged_ButNotForChildren(string read)
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var recorder = new Recorder();
            if (read == "exists") await client.ExistsAsync(root, recorder.Watch).WithDeadline();
            else await client.GetDataAsync(root, recorder.Watch).WithDeadline();

            await writer.CreateAsync(root + "/child", null).WithDeadline();
            Assert.True(recorder.StaysQuiet(), "a data watch fired for a child change");
            await writer.SetDataAsync(root, new byte[1]).WithDeadline();
            var e = recorder.Next();
            Assert.Equal(EventType.NodeDataChanged, e.Type);
            Assert.Equal(root, e.Path);
        }
    }

    [Theory]
    [InlineData("exists")]
    [InlineData("getData")]
    [InlineData("getChildren")]
    public async Task Delete_FiresDeleted_ForEveryKindOfWatch(string read)
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var path = root + "/n";
            await writer.CreateAsync(path, null).WithDeadline();
            var recorder = new Recorder();
            switch (read)
            {
                case "exists": await client.ExistsAsync(path, recorder.Watch).WithDeadline(); break;
                case "getData": await client.GetDataAsync(path, recorder.Watch).WithDeadline(); break;
                default: await client.GetChildrenAsync(path, recorder.Watch).WithDeadline(); break;
            }

            await writer.DeleteAsync(path).WithDeadline();
            var e = recorder.Next();
            Assert.Equal(EventType.NodeDeleted, e.Type);
            Assert.Equal(path, e.Path);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChildWatch_FiresChildrenChanged_ButNotForData(bool chrooted)
    {
        var (client, writer, root) = await ConnectAsync(chrooted);
        using (client)
        using (writer)
        {
            var local = chrooted ? "/" : root;
            var recorder = new Recorder();
            await client.GetChildrenAsync(local, recorder.Watch).WithDeadline();
            await writer.SetDataAsync(root, new byte[1]).WithDeadline();
            Assert.True(recorder.StaysQuiet(), "a child watch fired for a data change");
            await writer.CreateAsync(root + "/c", null).WithDeadline();
            var e = recorder.Next();
            Assert.Equal(EventType.NodeChildrenChanged, e.Type);
            Assert.Equal(local, e.Path);
        }
    }

    [Fact]
    public async Task SameDelegateOnTwoReads_FiresOnce_DifferentDelegatesEachFire()
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var first = new Recorder();
            var second = new Recorder();
            await client.GetDataAsync(root, first.Watch).WithDeadline();
            await client.ExistsAsync(root, first.Watch).WithDeadline();
            await client.GetDataAsync(root, second.Watch).WithDeadline();
            await writer.SetDataAsync(root, new byte[1]).WithDeadline();

            Assert.Equal(EventType.NodeDataChanged, first.Next().Type);
            Assert.Equal(EventType.NodeDataChanged, second.Next().Type);
            Assert.True(first.StaysQuiet(), "the same delegate fired twice for one event");
        }
    }

    [Fact]
    public async Task Callback_CanCallTheClient_AndAThrowingCallbackDoesNotStopOthers()
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var reread = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            await client.GetDataAsync(root, _ => throw new InvalidOperationException("callback failure")).WithDeadline();
            await client.GetDataAsync(root, e =>
            {
                // Blocking inside a callback on a call to the same client must not deadlock.
                var data = client.GetDataAsync(e.Path!).GetAwaiter().GetResult();
                reread.TrySetResult(data.Data);
            }).WithDeadline();
            await writer.SetDataAsync(root, new byte[] { 7 }).WithDeadline();
            Assert.Equal(new byte[] { 7 }, await reread.Task.WithDeadline());

            var after = new Recorder();
            await client.GetDataAsync(root, after.Watch).WithDeadline();
            await writer.SetDataAsync(root, new byte[] { 8 }).WithDeadline();
            Assert.Equal(EventType.NodeDataChanged, after.Next().Type);
        }
    }

    [Fact]
    public async Task CallbacksRunInOrder_OnOneThreadAtATime()
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var order = new ConcurrentQueue<int>();
            var concurrent = 0;
            var overlap = false;
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            const int count = 50;
            for (var i = 0; i < count; i++)
            {
                var n = i;
                await writer.CreateAsync(root + "/n" + n, null).WithDeadline();
                await client.GetDataAsync(root + "/n" + n, _ =>
                {
                    if (Interlocked.Increment(ref concurrent) > 1) overlap = true;
                    Thread.Sleep(1);
                    order.Enqueue(n);
                    Interlocked.Decrement(ref concurrent);
                    if (order.Count == count) done.TrySetResult(true);
                }).WithDeadline();
            }

            for (var i = 0; i < count; i++) _ = writer.SetDataAsync(root + "/n" + i, new byte[1]);
            await done.Task.WithDeadline();
            Assert.False(overlap, "two callbacks ran at the same time");
            Assert.Equal(System.Linq.Enumerable.Range(0, count), order);
        }
    }

    [Fact]
    public async Task PersistentWatch_FiresEveryTime_ForTheNodeAndItsChildrenList()
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var recorder = new Recorder();
            var path = root + "/p";
            await client.AddWatchAsync(path, AddWatchMode.Persistent, recorder.Watch).WithDeadline();
            await writer.CreateAsync(path, null).WithDeadline();
            Assert.Equal(EventType.NodeCreated, recorder.Next().Type);
            await writer.SetDataAsync(path, new byte[1]).WithDeadline();
            Assert.Equal(EventType.NodeDataChanged, recorder.Next().Type);
            await writer.SetDataAsync(path, new byte[2]).WithDeadline();
            Assert.Equal(EventType.NodeDataChanged, recorder.Next().Type);
            await writer.CreateAsync(path + "/c", null).WithDeadline();
            var children = recorder.Next();
            Assert.Equal(EventType.NodeChildrenChanged, children.Type);
            Assert.Equal(path, children.Path);
            await writer.SetDataAsync(path + "/c", new byte[1]).WithDeadline();
            Assert.True(recorder.StaysQuiet(), "a persistent (non-recursive) watch fired for a child's data");
            await writer.DeleteAsync(path + "/c").WithDeadline();
            Assert.Equal(EventType.NodeChildrenChanged, recorder.Next().Type);
            await writer.DeleteAsync(path).WithDeadline();
            Assert.Equal(EventType.NodeDeleted, recorder.Next().Type);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RecursiveWatch_FiresForTheWholeSubtree_NeverChildrenChanged(bool chrooted)
    {
        var (client, writer, root) = await ConnectAsync(chrooted);
        using (client)
        using (writer)
        {
            var local = chrooted ? "" : root;
            var recorder = new Recorder();
            await client.AddWatchAsync(chrooted ? "/" : root, AddWatchMode.PersistentRecursive, recorder.Watch).WithDeadline();
            // A standard child watch on a descendant makes the server send ChildrenChanged; the recursive watch must not see it.
            var childWatch = new Recorder();
            await writer.CreateAsync(root + "/a", null).WithDeadline();
            Assert.Equal((EventType.NodeCreated, local + "/a"), Pair(recorder.Next()));
            await client.GetChildrenAsync(local + "/a", childWatch.Watch).WithDeadline();
            await writer.CreateAsync(root + "/a/b", null).WithDeadline();
            Assert.Equal((EventType.NodeCreated, local + "/a/b"), Pair(recorder.Next()));
            Assert.Equal(EventType.NodeChildrenChanged, childWatch.Next().Type);
            await writer.SetDataAsync(root + "/a/b", new byte[1]).WithDeadline();
            Assert.Equal((EventType.NodeDataChanged, local + "/a/b"), Pair(recorder.Next()));
            await writer.DeleteAsync(root + "/a/b").WithDeadline();
            Assert.Equal((EventType.NodeDeleted, local + "/a/b"), Pair(recorder.Next()));
            Assert.True(recorder.StaysQuiet(), "a recursive watch saw ChildrenChanged");
        }
    }

    private static (EventType, string?) Pair(WatchedEvent e) => (e.Type, e.Path);

    [Fact]
    public async Task RemoveWatches_StopsTheWatch_AndReportsTheRemoval()
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var data = new Recorder();
            var children = new Recorder();
            await client.GetDataAsync(root, data.Watch).WithDeadline();
            await client.GetChildrenAsync(root, children.Watch).WithDeadline();

            await client.RemoveWatchesAsync(root, WatcherType.Data, data.Watch).WithDeadline();
            Assert.Equal(EventType.DataWatchRemoved, data.Next().Type);
            await writer.SetDataAsync(root, new byte[1]).WithDeadline();
            Assert.True(data.StaysQuiet(), "a removed data watch fired");

            await client.RemoveWatchesAsync(root, WatcherType.Any).WithDeadline();
            Assert.Equal(EventType.ChildWatchRemoved, children.Next().Type);
            await writer.CreateAsync(root + "/c", null).WithDeadline();
            Assert.True(children.StaysQuiet(), "a removed child watch fired");

            var none = await Assert.ThrowsAsync<ZooKeeperException>(() => client.RemoveWatchesAsync(root, WatcherType.Children).WithDeadline());
            Assert.Equal(ErrorCode.NoWatcher, none.Code);
        }
    }

    [Fact]
    public async Task RemovePersistentWatch_StopsIt()
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var recorder = new Recorder();
            await client.AddWatchAsync(root, AddWatchMode.PersistentRecursive, recorder.Watch).WithDeadline();
            Assert.Contains(root, _fixture.Server.FourLetterWord("wchp"));
            await client.RemoveWatchesAsync(root, WatcherType.PersistentRecursive, recorder.Watch).WithDeadline();
            Assert.Equal(EventType.PersistentWatchRemoved, recorder.Next().Type);
            await writer.CreateAsync(root + "/c", null).WithDeadline();
            Assert.True(recorder.StaysQuiet(), "a removed recursive watch fired");
            Assert.DoesNotContain(root, _fixture.Server.FourLetterWord("wchp")); // gone on the server too
        }
    }

    [Fact]
    public async Task RemovePersistentWatch_KeepsTheOtherWatchesOfThePath()
    {
        var (client, writer, root) = await ConnectAsync();
        using (client)
        using (writer)
        {
            var persistent = new Recorder();
            var data = new Recorder();
            await client.AddWatchAsync(root, AddWatchMode.Persistent, persistent.Watch).WithDeadline();
            await client.GetDataAsync(root, data.Watch).WithDeadline();
            await client.RemoveWatchesAsync(root, WatcherType.Persistent, persistent.Watch).WithDeadline();
            Assert.Equal(EventType.PersistentWatchRemoved, persistent.Next().Type);

            await writer.SetDataAsync(root, new byte[1]).WithDeadline();
            Assert.Equal(EventType.NodeDataChanged, data.Next().Type);
            Assert.True(persistent.StaysQuiet(), "a removed persistent watch fired");
        }
    }
}
