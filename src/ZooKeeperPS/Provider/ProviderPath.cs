using System;
using System.Collections.Generic;
using System.Linq;

namespace ZooKeeperPS;

/// <summary>
/// A path as the ZooKeeper provider sees it: "&lt;session tag&gt;/app/config" (see <see cref="SessionTags"/>), or a bare
/// znode path "/app/config" for the current default session (a provider-qualified path typed by hand,
/// ZooKeeper::/app). PowerShell hands paths over with either separator, / or \, so both separate names; a znode
/// whose name holds a backslash is out of the provider's reach (the cmdlets still reach it).
/// </summary>
internal readonly struct ProviderPath
{
    private ProviderPath(string? tag, string node)
    {
        Tag = tag;
        Node = node;
    }

    /// <summary>The session tag; null for a bare znode path.</summary>
    public string? Tag { get; }

    /// <summary>The znode path within the session (its chroot applies): "/" or "/a/b".</summary>
    public string Node { get; }

    public static ProviderPath Parse(string path)
    {
        var text = path.Replace('\\', '/');
        var bare = text.StartsWith("/", StringComparison.Ordinal);
        var names = Resolve(text.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries), bare ? 0 : 1);
        if (bare || names.Count == 0)
        {
            return new ProviderPath(null, "/" + string.Join("/", names));
        }
        return new ProviderPath(names[0], "/" + string.Join("/", names.Skip(1)));
    }

    /// <summary>The names without . and .. (PowerShell builds paths such as tag/app/../app); never above the first <paramref name="kept"/>.</summary>
    private static List<string> Resolve(string[] names, int kept)
    {
        var resolved = new List<string>();
        foreach (var name in names)
        {
            if (name == "." && resolved.Count >= kept)
            {
                continue;
            }
            if (name == ".." && resolved.Count >= kept)
            {
                if (resolved.Count > kept)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }
                continue;
            }
            resolved.Add(name);
        }
        return resolved;
    }

    /// <summary>The provider path of a node of the session with this tag, with PowerShell's separator.</summary>
    public static string Format(string? tag, string node)
    {
        var text = tag is null ? node : node == "/" ? tag : tag + node;
        return text.Replace('/', Separator);
    }

    public ProviderPath WithNode(string node) => new(Tag, node);

    public override string ToString() => Format(Tag, Node);

    // What PowerShell uses between the names of provider paths: \ on Windows, / elsewhere.
    public static readonly char Separator = System.IO.Path.DirectorySeparatorChar;
}
