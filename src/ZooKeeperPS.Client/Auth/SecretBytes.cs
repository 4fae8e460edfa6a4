using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace ZooKeeperPS.Client.Auth;

/// <summary>
/// The plain bytes of a secret exist only inside a callback, in arrays pinned before anything is copied into them (so
/// the garbage collector leaves no stray copies) and zeroed before the callback's caller gets control back. The secret
/// itself stays in a SecureString, never in a managed string.
/// </summary>
internal static class SecretBytes
{
    /// <summary>Runs <paramref name="use"/> on the UTF-8 bytes of <paramref name="prefix"/> followed by the secret.</summary>
    public static T WithUtf8<T>(string prefix, SecureString secret, Func<byte[], T> use)
    {
        var chars = new char[prefix.Length + secret.Length];
        var charsPin = GCHandle.Alloc(chars, GCHandleType.Pinned);
        var unmanaged = IntPtr.Zero;
        try
        {
            prefix.CopyTo(0, chars, 0, prefix.Length);
            unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secret);
            Marshal.Copy(unmanaged, chars, prefix.Length, secret.Length);
            return WithPinned(Encoding.UTF8.GetByteCount(chars), bytes =>
            {
                Encoding.UTF8.GetBytes(chars, 0, chars.Length, bytes, 0);
                return use(bytes);
            });
        }
        finally
        {
            if (unmanaged != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            Array.Clear(chars, 0, chars.Length);
            charsPin.Free();
        }
    }

    /// <summary>Runs <paramref name="use"/> on a pinned array of <paramref name="length"/> bytes, zeroed afterwards.</summary>
    public static T WithPinned<T>(int length, Func<byte[], T> use)
    {
        var bytes = new byte[length];
        var pin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            return use(bytes);
        }
        finally
        {
            Array.Clear(bytes, 0, bytes.Length);
            pin.Free();
        }
    }

    /// <summary>
    /// Keeps raw secret bytes (a password given as bytes) in a read-only SecureString, one byte per character, so they
    /// are stored like any other secret; <see cref="WithUtf8"/> must not be used on it, <see cref="WithRaw"/> reads it.
    /// </summary>
    public static SecureString Store(byte[] secret)
    {
        var stored = new SecureString();
        foreach (var b in secret) stored.AppendChar((char)b);
        stored.MakeReadOnly();
        return stored;
    }

    /// <summary>Runs <paramref name="use"/> on the UTF-8 bytes of <paramref name="prefix"/> followed by the bytes <see cref="Store"/> kept.</summary>
    public static T WithRaw<T>(string prefix, SecureString stored, Func<byte[], T> use)
    {
        var prefixBytes = Encoding.UTF8.GetBytes(prefix);
        return WithPinned(prefixBytes.Length + stored.Length, bytes =>
        {
            Buffer.BlockCopy(prefixBytes, 0, bytes, 0, prefixBytes.Length);
            var unmanaged = Marshal.SecureStringToGlobalAllocUnicode(stored);
            try
            {
                for (var i = 0; i < stored.Length; i++) bytes[prefixBytes.Length + i] = (byte)Marshal.ReadInt16(unmanaged, i * 2);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
            return use(bytes);
        });
    }
}
