using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace ZooKeeperPS.Client.Admin;

/// <summary>
/// The little JSON the AdminServer writes, read without a package (the library has no dependencies): objects become
/// <see cref="Dictionary{TKey,TValue}"/> (keys in any order), arrays lists, numbers long or double, and
/// strings, booleans and null what they are. Malformed text is an <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class JsonText
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _at;

    private JsonText(string text) => _text = text;

    public static object? Parse(string text)
    {
        var reader = new JsonText(text);
        var value = reader.ReadValue(0);
        reader.SkipSpace();
        if (reader._at != text.Length) throw reader.Malformed("text after the value");
        return value;
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth) throw Malformed("nesting too deep");
        SkipSpace();
        if (_at >= _text.Length) throw Malformed("end of text");
        switch (_text[_at])
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return ReadString();
            case 't': return ReadWord("true", true);
            case 'f': return ReadWord("false", false);
            case 'n': return ReadWord("null", null);
            default: return ReadNumber();
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _at++;
        SkipSpace();
        if (Peek() == '}')
        {
            _at++;
            return result;
        }
        while (true)
        {
            SkipSpace();
            if (Peek() != '"') throw Malformed("a property name");
            var name = ReadString();
            SkipSpace();
            Expect(':');
            result[name] = ReadValue(depth + 1);
            SkipSpace();
            if (Peek() == ',')
            {
                _at++;
                continue;
            }
            Expect('}');
            return result;
        }
    }

    private List<object?> ReadArray(int depth)
    {
        var result = new List<object?>();
        _at++;
        SkipSpace();
        if (Peek() == ']')
        {
            _at++;
            return result;
        }
        while (true)
        {
            result.Add(ReadValue(depth + 1));
            SkipSpace();
            if (Peek() == ',')
            {
                _at++;
                continue;
            }
            Expect(']');
            return result;
        }
    }

    private string ReadString()
    {
        _at++;
        var text = new StringBuilder();
        while (true)
        {
            if (_at >= _text.Length) throw Malformed("the end of a string");
            var c = _text[_at++];
            if (c == '"') return text.ToString();
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (_at >= _text.Length) throw Malformed("an escape");
            var escape = _text[_at++];
            switch (escape)
            {
                case '"': case '\\': case '/': text.Append(escape); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    if (_at + 4 > _text.Length || !int.TryParse(_text.Substring(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        throw Malformed("four hex digits after \\u");
                    text.Append((char)code);
                    _at += 4;
                    break;
                default: throw Malformed("a known escape");
            }
        }
    }

    private object ReadNumber()
    {
        var start = _at;
        while (_at < _text.Length && "+-0123456789.eE".IndexOf(_text[_at]) >= 0) _at++;
        var number = _text.Substring(start, _at - start);
        if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return real;
        _at = start;
        throw Malformed("a value");
    }

    private object? ReadWord(string word, object? value)
    {
        if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0) throw Malformed("a value");
        _at += word.Length;
        return value;
    }

    private void Expect(char c)
    {
        if (Peek() != c) throw Malformed($"'{c}'");
        _at++;
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
    }

    private InvalidDataException Malformed(string expected) =>
        new($"The AdminServer's answer is not JSON: expected {expected} at character {_at}.");
}
