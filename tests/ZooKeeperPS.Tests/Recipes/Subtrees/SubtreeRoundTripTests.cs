using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.Tests.Client;
using static ZooKeeperPS.Tests.Recipes.Subtrees.SubtreeTestKit;

namespace ZooKeeperPS.Tests.Recipes.Subtrees;

/// <summary>Export → tree file → import into a second, empty server: byte-exact, with ACLs, checked by kazoo too.</summary>
[Collection("ZooKeeper")]
public sealed class SubtreeRoundTripTests : IClassFixture<DestinationServerFixture>
{
    private readonly StandaloneServerFixture _source;
    private readonly DestinationServerFixture _destination;
    private readonly ITestOutputHelper _output;

    public SubtreeRoundTripTests(StandaloneServerFixture source, DestinationServerFixture destination, ITestOutputHelper output)
    {
        _source = source;
        _destination = destination;
        _output = output;
    }

    [Fact]
    public async Task ExportThroughAFile_ImportIntoAnEmptyServer_IsByteExact_CompareFindsNothing_KazooReadsTheSame()
    {
        using var source = await TestClient.ConnectAsync(_source.ConnectionString, _output);
        using var destination = await TestClient.ConnectAsync(_destination.Server.ConnectionString, _output);
        var root = _source.UniqueRoot();
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var large = new byte[1_000_000];
        new Random(15).NextBytes(large);
        var reader = new[] { new Acl(Perms.Read, Id.Anyone), new Acl(Perms.All, Id.Digest("alice", Encoding.UTF8.GetBytes("secret"))) };
        await CreateAsync(source, root, Encoding.UTF8.GetBytes("root"));
        await CreateAsync(source, root + "/binary", binary);
        await CreateAsync(source, root + "/empty", Array.Empty<byte>());
        await CreateAsync(source, root + "/null", null);
        await CreateAsync(source, root + "/配置", Encoding.UTF8.GetBytes("值"));
        await CreateAsync(source, root + "/配置/ünïcödé 中文", Encoding.UTF8.GetBytes("ok"));
        await CreateAsync(source, root + "/large", large);
        await CreateAsync(source, root + "/acl", Encoding.UTF8.GetBytes("protected"), reader);
        await CreateAsync(source, root + "/folder", null);
        await CreateAsync(source, root + "/folder/leaf", null);
        var deep = root + "/deep";
        await CreateAsync(source, deep, null);
        for (var level = 1; level < 100; level++)
        {
            deep += "/d" + level;
            await CreateAsync(source, deep, Encoding.UTF8.GetBytes(level.ToString()));
        }
        await CreateAsync(source, root + "/wide", null);
        await Task.WhenAll(Enumerable.Range(0, 3000).Select(i => source.CreateAsync($"{root}/wide/n{i:d5}", BitConverter.GetBytes(i)))).WithDeadline();
        await source.CreateAsync(root + "/session", null, CreateMode.Ephemeral).WithDeadline();

        var exported = await ExportAsync(source, root);
        var file = Write(exported, root);
        var records = Read(file);
        var target = "/imported" + root;
        await destination.CreateAsync("/imported", null).WithDeadline().ContinueWith(_ => { });
        var (importer, failures) = await ImportAsync(destination, target, records);

        Assert.Empty(failures.Select(failure => failure.Path + ": " + failure.Exception.Message));
        Assert.Equal(3000 + 100 + 11, records.Count);
        Assert.Equal(records.Count, importer.Created);
        Assert.DoesNotContain(records, record => record.Path == "/session");
        Assert.Contains("\"data\":null", file.Split('\n').Single(line => line.Contains("\"path\":\"/null\"")));
        Assert.Contains("\"data\":\"\"", file.Split('\n').Single(line => line.Contains("\"path\":\"/empty\"")));
        var differences = await CompareAsync(source, root, destination, target);
        Assert.True(differences.Count == 0, Describe(differences));
        var copied = await destination.GetDataAsync(target + "/large").WithDeadline();
        Assert.Equal(large, copied.Data);
        Assert.True((await destination.GetDataAsync(target + "/null").WithDeadline()).IsNull);
        Assert.False((await destination.GetDataAsync(target + "/empty").WithDeadline()).IsNull);
        Assert.Equal(RecordView(records), KazooView(_destination.Server.ConnectionString, target));
    }

    [Fact]
    public async Task TreeFile_FailsWhenTruncatedOrDamaged_AndKeepsItsHeader()
    {
        var stat = new Stat(1, 2, 3, 4, 5, 6, 7, 0, 1, 0, 9);
        var records = new[]
        {
            new TreeRecord("/", new byte[] { 1 }, Acl.OpenUnsafe, stat),
            new TreeRecord("/a \"quoted\"\n", null, new[] { new Acl(Perms.Read | Perms.Admin, new Id("ip", "10.0.0.1")) }, stat),
        };
        var file = Write(records, "/app");

        var header = new TreeFileReader(new StringReader(file)).Header;
        var back = Read(file);
        var lines = file.Split('\n');
        var truncated = string.Join("\n", lines.Take(lines.Length - 2));
        var damaged = file.Replace("\"AQ==\"", "\"Ag==\"");

        Assert.Equal(("/app", 42L, TreeFormat.Version), (header.Root, header.Zxid, TreeFormat.Version));
        Assert.Equal(records.Select(r => r.Path), back.Select(r => r.Path));
        Assert.Null(back[1].Data);
        Assert.Equal(records[1].Acl, back[1].Acl);
        Assert.Equal(stat.ToString(), back[1].Stat.ToString());
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => Read(truncated)).Message);
        Assert.Contains("damaged", Assert.Throws<InvalidDataException>(() => Read(damaged)).Message);
        Assert.Throws<InvalidDataException>(() => Read("{\"format\":\"other\"}\n"));
    }

    [Fact]
    public async Task ParentAclWithoutCreateForTheImporter_StillEndsWithAllChildren_AndTheParentsExactAcl()
    {
        using var source = await TestClient.ConnectAsync(_source.ConnectionString, _output, o => o.Auth.Add(Super));
        var root = _source.UniqueRoot();
        var closedToAlice = new[] { new Acl(Perms.Read | Perms.Admin, Id.Digest("alice", Encoding.UTF8.GetBytes("secret"))), new Acl(Perms.Read, Id.Anyone) };
        var bobOnly = new[] { new Acl(Perms.All, Id.Digest("bob", Encoding.UTF8.GetBytes("pw"))) };
        await CreateAsync(source, root, null);
        await CreateAsync(source, root + "/p", Encoding.UTF8.GetBytes("p"));
        await CreateAsync(source, root + "/p/c1", Encoding.UTF8.GetBytes("c1"));
        await CreateAsync(source, root + "/p/c2", null);
        await CreateAsync(source, root + "/p/c2/x", Encoding.UTF8.GetBytes("x"), closedToAlice);
        await CreateAsync(source, root + "/q", Encoding.UTF8.GetBytes("q"));
        await CreateAsync(source, root + "/q/secret", Encoding.UTF8.GetBytes("s"), bobOnly);
        await source.SetAclAsync(root + "/p/c2", closedToAlice).WithDeadline();
        await source.SetAclAsync(root + "/p", closedToAlice).WithDeadline();
        await source.SetAclAsync(root + "/q", bobOnly).WithDeadline();
        var records = await ExportAsync(source, root);

        using var alice = await TestClient.ConnectAsync(_destination.Server.ConnectionString, _output, o => o.Auth.Add(AuthInfo.Digest("alice", Encoding.UTF8.GetBytes("secret"))));
        using var anonymous = await TestClient.ConnectAsync(_destination.Server.ConnectionString, _output);
        using var super = await TestClient.ConnectAsync(_destination.Server.ConnectionString, _output, o => o.Auth.Add(Super));
        var byAlice = "/by-alice-" + Guid.NewGuid().ToString("N");
        var byAnonymous = "/by-anonymous-" + Guid.NewGuid().ToString("N");
        var (_, aliceFailures) = await ImportAsync(alice, byAlice, records);
        var (_, anonymousFailures) = await ImportAsync(anonymous, byAnonymous, records);

        Assert.Empty(aliceFailures.Select(failure => failure.Path + ": " + failure.Exception.Message));
        Assert.Empty(anonymousFailures.Select(failure => failure.Path + ": " + failure.Exception.Message));
        foreach (var target in new[] { byAlice, byAnonymous })
        {
            var differences = await CompareAsync(source, root, super, target);
            Assert.True(differences.Count == 0, Describe(differences));
            Assert.Equal(closedToAlice, (await super.GetAclAsync(target + "/p").WithDeadline()).Acl);
            Assert.Equal(bobOnly, (await super.GetAclAsync(target + "/q").WithDeadline()).Acl);
        }
        // Readable afterwards by the identities that could read them before, and no one else.
        Assert.Equal("x", Encoding.UTF8.GetString((await alice.GetDataAsync(byAnonymous + "/p/c2/x").WithDeadline()).Data));
        using var bob = await TestClient.ConnectAsync(_destination.Server.ConnectionString, _output, o => o.Auth.Add(AuthInfo.Digest("bob", Encoding.UTF8.GetBytes("pw"))));
        Assert.Equal("s", Encoding.UTF8.GetString((await bob.GetDataAsync(byAlice + "/q/secret").WithDeadline()).Data));
        var denied = await Assert.ThrowsAsync<ZooKeeperException>(() => alice.GetDataAsync(byAlice + "/q/secret").WithDeadline());
        Assert.Equal(ErrorCode.NoAuth, denied.Code);
    }
}
