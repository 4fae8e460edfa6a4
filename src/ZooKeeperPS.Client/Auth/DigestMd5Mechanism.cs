using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace ZooKeeperPS.Client.Auth;

/// <summary>
/// DIGEST-MD5 (RFC 2831) with qop=auth: answers the server's challenge, then checks the server's rspauth, so a
/// server that does not know the password is not believed. The password exists in plain form only inside
/// <see cref="Evaluate"/>, in arrays cleared before it returns.
/// </summary>
internal sealed class DigestMd5Mechanism : ISaslMechanism
{
    private const string Qop = "auth";
    private const string NonceCount = "00000001";

    private readonly string _userName;
    private readonly SecureString _password;
    private readonly string _digestUri;
    private readonly Func<string> _newCnonce;
    private string? _expectedRspAuth;

    // newCnonce: only tests pass one (to check RFC 2831's worked example); otherwise 24 random bytes.
    public DigestMd5Mechanism(string userName, SecureString password, string serviceName, string serverName, Func<string>? newCnonce = null)
    {
        _userName = userName;
        _password = password;
        _digestUri = serviceName + "/" + serverName;
        _newCnonce = newCnonce ?? (() => Convert.ToBase64String(RandomBytes(24)));
    }

    public byte[] Start() => Array.Empty<byte>();

    public byte[]? Evaluate(byte[] challenge)
    {
        var directives = DigestDirectives.Parse(Encoding.UTF8.GetString(challenge));
        if (_expectedRspAuth is not null)
        {
            if (!directives.TryGetValue("rspauth", out var rspAuth) || !FixedTimeEquals(rspAuth, _expectedRspAuth))
                throw new SaslException("the server's rspauth does not prove that it knows the password.");
            return null;
        }
        return Respond(directives);
    }

    private byte[] Respond(IReadOnlyDictionary<string, string> challenge)
    {
        if (!challenge.TryGetValue("nonce", out var nonce))
            throw new SaslException("the server's challenge has no nonce.");
        if (challenge.TryGetValue("qop", out var qops) && !Array.Exists(qops.Split(','), offered => offered.Trim() == Qop))
            throw new SaslException($"the server offers qop '{qops}', not '{Qop}'.");
        var utf8 = challenge.TryGetValue("charset", out var charset) && charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
        // A challenge may list several realms; the first is the server's own. Without one, the realm is empty.
        var realm = challenge.TryGetValue("realm", out var realms) ? realms : "";
        var cnonce = _newCnonce();

        var secretHash = HashUserRealmPassword(realm, utf8);
        var a1 = Concat(secretHash, Latin1($":{nonce}:{cnonce}"));
        var ha1 = Hex(Md5(a1));
        Array.Clear(secretHash, 0, secretHash.Length);
        Array.Clear(a1, 0, a1.Length);

        var response = Kd(ha1, nonce, cnonce, "AUTHENTICATE:" + _digestUri);
        _expectedRspAuth = Kd(ha1, nonce, cnonce, ":" + _digestUri);

        var text = new StringBuilder();
        if (utf8) text.Append("charset=utf-8,");
        text.Append("username=\"").Append(Quote(_userName)).Append('"');
        if (realm.Length > 0) text.Append(",realm=\"").Append(Quote(realm)).Append('"');
        text.Append(",nonce=\"").Append(Quote(nonce)).Append('"');
        text.Append(",nc=").Append(NonceCount);
        text.Append(",cnonce=\"").Append(cnonce).Append('"');
        text.Append(",digest-uri=\"").Append(Quote(_digestUri)).Append('"');
        text.Append(",maxbuf=65536,response=").Append(response);
        text.Append(",qop=").Append(Qop);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>H(username:realm:password), the secret part of A1, hashed from pinned arrays that are zeroed after.</summary>
    private byte[] HashUserRealmPassword(string realm, bool utf8)
    {
        var chars = new char[_userName.Length + realm.Length + 2 + _password.Length];
        var pin = GCHandle.Alloc(chars, GCHandleType.Pinned);
        var pointer = IntPtr.Zero;
        try
        {
            _userName.CopyTo(0, chars, 0, _userName.Length);
            chars[_userName.Length] = ':';
            realm.CopyTo(0, chars, _userName.Length + 1, realm.Length);
            chars[_userName.Length + 1 + realm.Length] = ':';
            pointer = Marshal.SecureStringToGlobalAllocUnicode(_password);
            Marshal.Copy(pointer, chars, _userName.Length + realm.Length + 2, _password.Length);
            // RFC 2831 2.1.2.1: with charset=utf-8, text that fits ISO 8859-1 is still hashed as ISO 8859-1.
            var beyondLatin1 = Array.Exists(chars, c => c > '\u00ff');
            if (beyondLatin1 && !utf8)
                throw new SaslException("the user name or password has characters outside ISO 8859-1 and the server did not offer utf-8.");
            var length = beyondLatin1 ? Encoding.UTF8.GetByteCount(chars) : chars.Length;
            return SecretBytes.WithPinned(length, bytes =>
            {
                if (beyondLatin1) Encoding.UTF8.GetBytes(chars, 0, chars.Length, bytes, 0);
                else for (var i = 0; i < chars.Length; i++) bytes[i] = (byte)chars[i];
                return Md5(bytes);
            });
        }
        finally
        {
            if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            Array.Clear(chars, 0, chars.Length);
            pin.Free();
        }
    }

    /// <summary>HEX(KD(HEX(H(A1)), nonce:nc:cnonce:qop:HEX(H(A2)))).</summary>
    private static string Kd(string ha1, string nonce, string cnonce, string a2) =>
        Hex(Md5(Encoding.UTF8.GetBytes($"{ha1}:{nonce}:{NonceCount}:{cnonce}:{Qop}:{Hex(Md5(Encoding.UTF8.GetBytes(a2)))}")));

    private static byte[] Md5(byte[] data)
    {
        using var md5 = MD5.Create();
        return md5.ComputeHash(data);
    }

    private static string Hex(byte[] data)
    {
        var text = new StringBuilder(data.Length * 2);
        foreach (var b in data) text.Append(b.ToString("x2"));
        return text.ToString();
    }

    private static byte[] Latin1(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
        return bytes;
    }

    private static byte[] Concat(byte[] first, byte[] second)
    {
        var all = new byte[first.Length + second.Length];
        Buffer.BlockCopy(first, 0, all, 0, first.Length);
        Buffer.BlockCopy(second, 0, all, first.Length, second.Length);
        return all;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(bytes);
        return bytes;
    }

    private static string Quote(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static bool FixedTimeEquals(string a, string b)
    {
        if (a.Length != b.Length) return false;
        var difference = 0;
        for (var i = 0; i < a.Length; i++) difference |= a[i] ^ b[i];
        return difference == 0;
    }

    public void Dispose()
    {
    }
}
