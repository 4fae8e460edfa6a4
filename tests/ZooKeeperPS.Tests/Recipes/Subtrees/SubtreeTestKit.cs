using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Client;

namespace ZooKeeperPS.Tests.Recipes.Subtrees;

/// <summary>A second standalone server, the empty destination of imports and copies, shared by a test class.</summary>
public sealed class DestinationServerFixture : IDisposable
{
    public ZooKeeperServer Server { get; } = ZooKeeperServer.StartStandalone();

    public void Dispose() => Server.Dispose();
}

/// <summary>Runs the subtree engines to their end, the way the cmdlets pull them.</summary>
internal static class SubtreeTestKit
{
    public static readonly AuthInfo Super = AuthInfo.Digest(ZooKeeperServer.SuperUser, Encoding.UTF8.GetBytes(ZooKeeperServer.SuperPassword));

    public static async Task<List<TreeRecord>> ExportAsync(ZooKeeperClient client, string root, TreeExportOptions? options = null)
    {
        var exporter = new TreeExporter(client, root, options);
        var records = new List<TreeRecord>();
        while (await exporter.NextAsync().WithDeadline() is { } step)
        {
            Assert.Empty(step.Failures.Select(failure => failure.Path + ": " + failure.Exception.Message));
            records.AddRange(step.Records);
        }
        return records;
    }

    public static async Task<(TreeImporter Importer, List<NodeFailure> Failures)> ImportAsync(ZooKeeperClient client, string root,
        IEnumerable<TreeRecord> records, TreeConflict conflict = TreeConflict.Skip)
    {
        var importer = new TreeImporter(client, root, new TreeImportOptions { Conflict = conflict });
        var failures = new List<NodeFailure>();
        foreach (var record in records)
        {
            failures.AddRange(await importer.AddAsync(record).WithDeadline());
        }
        failures.AddRange(await importer.CompleteAsync().WithDeadline());
        return (importer, failures);
    }

    public static async Task<List<TreeDifference>> CompareAsync(ZooKeeperClient reference, string referenceRoot,
        ZooKeeperClient difference, string differenceRoot, bool includeAcl = true)
    {
        var comparer = new TreeComparer(reference, referenceRoot, difference, differenceRoot, new TreeCompareOptions { IncludeAcl = includeAcl });
        var differences = new List<TreeDifference>();
        while (await comparer.NextAsync().WithDeadline() is { } step)
        {
            Assert.Empty(step.Failures.Select(failure => failure.Path + ": " + failure.Exception.Message));
            differences.AddRange(step.Differences);
        }
        return differences;
    }

    public static string Describe(IEnumerable<TreeDifference> differences) =>
        string.Join("; ", differences.Take(10).Select(difference => $"{difference.Kind} {difference.Path}"));

    /// <summary>The tree file of the records, as text.</summary>
    public static string Write(IEnumerable<TreeRecord> records, string root = "/src")
    {
        var text = new StringWriter();
        using var writer = new TreeFileWriter(text, new TreeHeader("127.0.0.1:2181", root, DateTimeOffset.UtcNow, 42));
        foreach (var record in records)
        {
            writer.Write(record);
        }
        writer.End();
        return text.ToString();
    }

    public static List<TreeRecord> Read(string file) => new TreeFileReader(new StringReader(file)).Records().ToList();

    public static async Task CreateAsync(ZooKeeperClient client, string path, byte[]? data, IReadOnlyList<Acl>? acl = null) =>
        await client.CreateAsync(path, data, CreateMode.Persistent, acl).WithDeadline();

    /// <summary>
    /// What kazoo reads under a root: one line per node, sorted, "relative-path data-base64-or-None acl", so that a
    /// client other than ours vouches for the bytes and ACLs.
    /// </summary>
    public static List<string> KazooView(string hosts, string root, bool super = false)
    {
        var script = @"
import base64
zk = client()
" + (super ? "zk.add_auth('digest', 'super:super-secret')\n" : "") + @"
root = os.environ['ZK_ROOT']
lines = []
def visit(path):
    data, stat = zk.get(path)
    acls = zk.get_acls(path)[0]
    acl = ','.join(sorted('%s:%s:%d' % (a.id.scheme, a.id.id, a.perms) for a in acls))
    relative = '/' if path == root else path[len(root):]
    lines.append('%s %s %s' % (base64.b64encode(relative.encode('utf-8')).decode(), 'None' if data is None else base64.b64encode(data).decode(), acl))
    for child in zk.get_children(path):
        visit(path.rstrip('/') + '/' + child)
sys.setrecursionlimit(10000)
visit(root)
for line in sorted(lines):
    print('NODE ' + line)
zk.stop()
";
        var result = Security.Kazoo.Run(script, new Dictionary<string, string> { ["ZK_HOSTS"] = hosts, ["ZK_ROOT"] = root });
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith("NODE ", StringComparison.Ordinal)).Select(line => line.Substring(5)).ToList();
    }

    /// <summary>The same view from records.</summary>
    public static List<string> RecordView(IEnumerable<TreeRecord> records) =>
        records.Select(record => string.Join(" ",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(record.Path)),
                record.Data is null ? "None" : Convert.ToBase64String(record.Data),
                string.Join(",", record.Acl.Select(entry => $"{entry.Id.Scheme}:{entry.Id.Identity}:{(int)entry.Perms}").OrderBy(text => text, StringComparer.Ordinal))))
            .OrderBy(line => line, StringComparer.Ordinal).ToList();
}
