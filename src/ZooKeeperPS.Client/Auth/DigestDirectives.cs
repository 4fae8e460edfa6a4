using System;
using System.Collections.Generic;
using System.Text;

namespace ZooKeeperPS.Client.Auth;

/// <summary>Reads RFC 2831 directive lists: <c>name=value</c> or <c>name="quoted \" value"</c>, separated by commas.</summary>
internal static class DigestDirectives
{
    /// <summary>Names are case-insensitive; a repeated name (several realms) keeps its first value.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var directives = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i]))) i++;
            if (i == text.Length) break;
            var equals = text.IndexOf('=', i);
            if (equals < 0) throw new SaslException($"the server's challenge is not a directive list: '{text}'.");
            var name = text.Substring(i, equals - i).Trim();
            i = equals + 1;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    value.Append(text[i]);
                }
                if (i == text.Length) throw new SaslException($"the server's challenge has an unterminated quoted value: '{text}'.");
                i++;
            }
            else
            {
                for (; i < text.Length && text[i] != ','; i++) value.Append(text[i]);
            }
            if (!directives.ContainsKey(name)) directives[name] = value.ToString().Trim();
        }
        return directives;
    }
}
