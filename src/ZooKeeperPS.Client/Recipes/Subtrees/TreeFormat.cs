using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// The tree format, version 1: UTF-8 text, one JSON object per line. The first line is the header
/// (<c>{"format":"ZooKeeperPS.Tree","version":1,"source":...,"root":...,"time":...,"zxid":...}</c>), then one line per
/// node, parents before children (<c>{"path":"/a","kind":"persistent","data":"base64" or null,"acl":[{"scheme":...,
/// "id":...,"perms":31}],"stat":{...}}</c>), and a closing line (<c>{"end":true,"nodes":N,"sha256":"..."}</c>) whose
/// checksum is the SHA-256 of the node lines, each with its "\n". A reader accepts the members in any order and fails
/// on a file without its closing line (truncated) or whose count or checksum differ (damaged).
/// </summary>
public static class TreeFormat
{
    public const string Name = "ZooKeeperPS.Tree";

    public const int Version = 1;

    public static string HeaderLine(TreeHeader header)
    {
        var text = new StringBuilder("{\"format\":\"").Append(Name).Append("\",\"version\":").Append(Version);
        text.Append(",\"source\":");
        TreeJson.WriteString(text, header.Source);
        text.Append(",\"root\":");
        TreeJson.WriteString(text, header.Root);
        text.Append(",\"time\":\"").Append(header.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        text.Append("\",\"zxid\":").Append(header.Zxid.ToString(CultureInfo.InvariantCulture)).Append('}');
        return text.ToString();
    }

    public static string RecordLine(TreeRecord record)
    {
        var text = new StringBuilder(64 + (record.Data?.Length ?? 0) * 4 / 3);
        text.Append("{\"path\":");
        TreeJson.WriteString(text, record.Path);
        text.Append(",\"kind\":\"").Append(KindName(record.Kind)).Append('"');
        text.Append(",\"data\":");
        if (record.Data is null)
        {
            text.Append("null");
        }
        else
        {
            text.Append('"').Append(Convert.ToBase64String(record.Data)).Append('"');
        }
        text.Append(",\"acl\":[");
        for (var i = 0; i < record.Acl.Count; i++)
        {
            var entry = record.Acl[i];
            text.Append(i == 0 ? "{\"scheme\":" : ",{\"scheme\":");
            TreeJson.WriteString(text, entry.Id.Scheme);
            text.Append(",\"id\":");
            TreeJson.WriteString(text, entry.Id.Identity);
            text.Append(",\"perms\":").Append(((int)entry.Perms).ToString(CultureInfo.InvariantCulture)).Append('}');
        }
        var stat = record.Stat;
        text.Append("],\"stat\":{");
        text.Append("\"czxid\":").Append(N(stat.Czxid)).Append(",\"mzxid\":").Append(N(stat.Mzxid));
        text.Append(",\"ctime\":").Append(N(stat.Ctime)).Append(",\"mtime\":").Append(N(stat.Mtime));
        text.Append(",\"version\":").Append(N(stat.Version)).Append(",\"cversion\":").Append(N(stat.Cversion));
        text.Append(",\"aversion\":").Append(N(stat.Aversion)).Append(",\"ephemeralOwner\":").Append(N(stat.EphemeralOwner));
        text.Append(",\"dataLength\":").Append(N(stat.DataLength)).Append(",\"numChildren\":").Append(N(stat.NumChildren));
        text.Append(",\"pzxid\":").Append(N(stat.Pzxid)).Append("}}");
        return text.ToString();
    }

    public static string EndLine(long nodes, string sha256) =>
        "{\"end\":true,\"nodes\":" + nodes.ToString(CultureInfo.InvariantCulture) + ",\"sha256\":\"" + sha256 + "\"}";

    public static TreeHeader ParseHeader(string line)
    {
        var header = Object(line, "header");
        if (!(header.TryGetValue("format", out var format) && format as string == Name))
        {
            throw new InvalidDataException($"Not a ZooKeeperPS tree file: the first line does not say \"format\":\"{Name}\".");
        }
        var version = Integer(header, "version");
        if (version != Version)
        {
            throw new InvalidDataException($"The tree file has format version {version}; this module reads version {Version}.");
        }
        var time = DateTimeOffset.Parse(Text(header, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new TreeHeader(Text(header, "source"), Text(header, "root"), time, Integer(header, "zxid"));
    }

    public static TreeRecord ParseRecord(string line)
    {
        var record = Object(line, "node");
        var path = Text(record, "path");
        var data = record.TryGetValue("data", out var base64) && base64 is string encoded ? Convert.FromBase64String(encoded) : null;
        if (data is null && !(record.ContainsKey("data") && record["data"] is null))
        {
            throw new InvalidDataException($"The line of {path} has no \"data\" (null or base64).");
        }
        var acl = ((record.TryGetValue("acl", out var entries) ? entries : null) as List<object?>
                ?? throw new InvalidDataException($"The line of {path} has no \"acl\" list."))
            .Select(entry => entry as Dictionary<string, object?> ?? throw new InvalidDataException($"An ACL entry of {path} is not an object."))
            .Select(entry => new Acl((Perms)Integer(entry, "perms"), new Id(Text(entry, "scheme"), Text(entry, "id"))))
            .ToList();
        var stat = record.TryGetValue("stat", out var value) && value is Dictionary<string, object?> fields ? fields
            : throw new InvalidDataException($"The line of {path} has no \"stat\" object.");
        return new TreeRecord(path, data, acl, new Stat(
            Integer(stat, "czxid"), Integer(stat, "mzxid"), Integer(stat, "ctime"), Integer(stat, "mtime"),
            (int)Integer(stat, "version"), (int)Integer(stat, "cversion"), (int)Integer(stat, "aversion"),
            Integer(stat, "ephemeralOwner"), (int)Integer(stat, "dataLength"), (int)Integer(stat, "numChildren"),
            Integer(stat, "pzxid")));
    }

    /// <summary>Whether a line is the closing line; if so its node count and checksum.</summary>
    public static bool TryParseEnd(string line, out long nodes, out string sha256)
    {
        nodes = 0;
        sha256 = "";
        if (!line.StartsWith("{\"end\"", StringComparison.Ordinal) && !line.Contains("\"end\""))
        {
            return false;
        }
        var end = Object(line, "closing");
        if (!(end.TryGetValue("end", out var flag) && flag is true))
        {
            return false;
        }
        nodes = Integer(end, "nodes");
        sha256 = Text(end, "sha256");
        return true;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string KindName(TreeNodeKind kind) => kind == TreeNodeKind.Ephemeral ? "ephemeral" : "persistent";

    private static Dictionary<string, object?> Object(string line, string what) =>
        TreeJson.Parse(line) as Dictionary<string, object?> ?? throw new InvalidDataException($"The {what} line is not a JSON object.");

    private static string Text(Dictionary<string, object?> members, string name) =>
        members.TryGetValue(name, out var value) && value is string text ? text
            : throw new InvalidDataException($"A line of the tree file lacks the text member \"{name}\".");

    private static long Integer(Dictionary<string, object?> members, string name) =>
        members.TryGetValue(name, out var value) && value is long number ? number
            : throw new InvalidDataException($"A line of the tree file lacks the integer member \"{name}\".");
}

/// <summary>The header of a tree file: where and when the subtree was exported, and the zxid the export started at.</summary>
public sealed class TreeHeader
{
    public TreeHeader(string source, string root, DateTimeOffset time, long zxid)
    {
        Source = source;
        Root = root;
        Time = time;
        Zxid = zxid;
    }

    /// <summary>The connection string of the exporting session (its hosts and chroot).</summary>
    public string Source { get; }

    /// <summary>The exported subtree's root, as the exporting session saw it.</summary>
    public string Root { get; }

    public DateTimeOffset Time { get; }

    /// <summary>The highest zxid the exporting session had seen when it had read the root.</summary>
    public long Zxid { get; }
}
