using System;

namespace ZooKeeperPS.Client;

/// <summary>Znode path rules (the server's own validation, PathUtils.validatePath) and path arithmetic.</summary>
public static class ZooKeeperPath
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> (ParamName "path") naming the path and the rule it breaks.
    /// A sequential create validates <c>path + "1"</c>, so its path may end with "/".
    /// </summary>
    public static void Validate(string path, bool isSequential = false)
    {
        var problem = FindProblem(isSequential && path is not null ? path + "1" : path);
        if (problem is not null)
            throw new ArgumentException($"Invalid znode path '{path}': {problem}", nameof(path));
    }

    /// <summary>True when <see cref="Validate"/> would accept the path.</summary>
    public static bool IsValid(string path, bool isSequential = false) =>
        FindProblem(isSequential && path is not null ? path + "1" : path) is null;

    /// <summary>The rule a path breaks, or null when it is valid.</summary>
    private static string? FindProblem(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "a path must not be empty.";
        if (path![0] != '/') return "a path must start with '/'.";
        if (path.Length == 1) return null;
        if (path[path.Length - 1] == '/') return "a path must not end with '/'.";

        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length)
            {
                var c = path[i];
                if (IsForbidden(c)) return $"the character U+{(int)c:X4} at position {i} is not allowed.";
                if (c != '/') continue;
            }

            var segmentLength = i - segmentStart;
            if (segmentLength == 0) return $"an empty segment at position {i} is not allowed.";
            if (segmentLength == 1 && path[segmentStart] == '.') return "a '.' segment is not allowed (relative paths are not supported).";
            if (segmentLength == 2 && path[segmentStart] == '.' && path[segmentStart + 1] == '.')
                return "a '..' segment is not allowed (relative paths are not supported).";
            segmentStart = i + 1;
        }

        return null;
    }

    private static bool IsForbidden(char c) =>
        c <= '\u001f'
        || (c >= '\u007f' && c <= '\u009f')
        || (c >= '\ud800' && c <= '\uf8ff')
        || c >= '\ufff0';

    /// <summary>The path of <paramref name="child"/> (a name, or a relative path) under <paramref name="parent"/>.</summary>
    public static string Combine(string parent, string child)
    {
        if (string.IsNullOrEmpty(parent)) throw new ArgumentException("The parent path must not be empty.", nameof(parent));
        if (child is null) throw new ArgumentNullException(nameof(child));
        var trimmedChild = child.TrimStart('/');
        if (trimmedChild.Length == 0) return parent;
        return parent.EndsWith("/", StringComparison.Ordinal) ? parent + trimmedChild : parent + "/" + trimmedChild;
    }

    /// <summary>The parent's path: "/a" for "/a/b", "/" for "/a" and for "/".</summary>
    public static string GetParent(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("The path must not be empty.", nameof(path));
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path.Substring(0, slash);
    }

    /// <summary>The last segment: "b" for "/a/b", "" for "/".</summary>
    public static string GetName(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("The path must not be empty.", nameof(path));
        return path.Substring(path.LastIndexOf('/') + 1);
    }
}
