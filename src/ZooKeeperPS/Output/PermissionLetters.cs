using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ZooKeeperPS;

/// <summary>zkCli's permission letters: c (Create), d (Delete), r (Read), w (Write), a (Admin), written in that order.</summary>
internal static class PermissionLetters
{
    private static readonly (char Letter, ZkPermission Permission)[] Letters =
    {
        ('c', ZkPermission.Create), ('d', ZkPermission.Delete), ('r', ZkPermission.Read), ('w', ZkPermission.Write), ('a', ZkPermission.Admin),
    };

    /// <summary>As zkCli's getAcl prints them: cdrwa for All, an empty string for None.</summary>
    public static string Format(ZkPermission permissions)
    {
        var text = new StringBuilder(Letters.Length);
        foreach (var (letter, permission) in Letters)
        {
            if ((permissions & permission) != 0) text.Append(letter);
        }
        return text.ToString();
    }

    /// <summary>Reads letters in any order and case (rw, CDRWA); false with the characters that are not letters.</summary>
    public static bool TryParse(string text, out ZkPermission permissions, out IReadOnlyList<char> wrong)
    {
        permissions = ZkPermission.None;
        var unknown = new List<char>();
        foreach (var c in text)
        {
            var match = Letters.FirstOrDefault(entry => entry.Letter == char.ToLowerInvariant(c));
            if (match.Letter == default) unknown.Add(c);
            else permissions |= match.Permission;
        }
        wrong = unknown.Distinct().ToList();
        return text.Length > 0 && unknown.Count == 0;
    }
}
