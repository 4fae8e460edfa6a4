using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// The little JSON that the tree format needs, written and read here so that the client stays without package
/// dependencies (netstandard2.0 has no JSON library): objects, arrays, strings, integers, true, false and null.
/// Objects read as dictionaries, arrays as lists, integers as long.
/// </summary>
internal static class TreeJson
{
    public static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }

    /// <summary>Parses one line that holds one JSON value; a malformed line is an <see cref="InvalidDataException"/>.</summary>
    public static object? Parse(string line)
    {
        var position = 0;
        var value = ReadValue(line, ref position);
        SkipSpace(line, ref position);
        if (position != line.Length)
        {
            throw Malformed(line, position);
        }
        return value;
    }

    private static object? ReadValue(string text, ref int position)
    {
        SkipSpace(text, ref position);
        if (position >= text.Length)
        {
            throw Malformed(text, position);
        }
        switch (text[position])
        {
            case '{': return ReadObject(text, ref position);
            case '[': return ReadArray(text, ref position);
            case '"': return ReadString(text, ref position);
            case 't': return ReadWord(text, ref position, "true", true);
            case 'f': return ReadWord(text, ref position, "false", false);
            case 'n': return ReadWord(text, ref position, "null", null);
            default: return ReadInteger(text, ref position);
        }
    }

    private static Dictionary<string, object?> ReadObject(string text, ref int position)
    {
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        position++;
        SkipSpace(text, ref position);
        if (position < text.Length && text[position] == '}')
        {
            position++;
            return members;
        }
        while (true)
        {
            SkipSpace(text, ref position);
            if (position >= text.Length || text[position] != '"')
            {
                throw Malformed(text, position);
            }
            var name = ReadString(text, ref position);
            Expect(text, ref position, ':');
            members[name] = ReadValue(text, ref position);
            SkipSpace(text, ref position);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }
            Expect(text, ref position, '}');
            return members;
        }
    }

    private static List<object?> ReadArray(string text, ref int position)
    {
        var items = new List<object?>();
        position++;
        SkipSpace(text, ref position);
        if (position < text.Length && text[position] == ']')
        {
            position++;
            return items;
        }
        while (true)
        {
            items.Add(ReadValue(text, ref position));
            SkipSpace(text, ref position);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }
            Expect(text, ref position, ']');
            return items;
        }
    }

    private static string ReadString(string text, ref int position)
    {
        var value = new StringBuilder();
        position++;
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == '"')
            {
                return value.ToString();
            }
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (position >= text.Length)
            {
                break;
            }
            var escaped = text[position++];
            switch (escaped)
            {
                case '"': case '\\': case '/': value.Append(escaped); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u' when position + 4 <= text.Length
                    && int.TryParse(text.Substring(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    position += 4;
                    break;
                default: throw Malformed(text, position - 1);
            }
        }
        throw Malformed(text, position);
    }

    private static long ReadInteger(string text, ref int position)
    {
        var start = position;
        if (position < text.Length && text[position] == '-')
        {
            position++;
        }
        while (position < text.Length && text[position] >= '0' && text[position] <= '9')
        {
            position++;
        }
        if (!long.TryParse(text.Substring(start, position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Malformed(text, start);
        }
        return value;
    }

    private static object? ReadWord(string text, ref int position, string word, object? value)
    {
        if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
        {
            throw Malformed(text, position);
        }
        position += word.Length;
        return value;
    }

    private static void Expect(string text, ref int position, char expected)
    {
        SkipSpace(text, ref position);
        if (position >= text.Length || text[position] != expected)
        {
            throw Malformed(text, position);
        }
        position++;
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
        {
            position++;
        }
    }

    private static InvalidDataException Malformed(string text, int position) =>
        new($"Not a line of the tree format: malformed JSON at character {position + 1}.");
}
