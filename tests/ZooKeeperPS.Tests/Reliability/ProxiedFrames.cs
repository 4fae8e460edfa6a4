#nullable enable
// The proxy files are also compiled by Add-Type in the Pester tests, where the project's Nullable setting does not apply.
using System;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>One frame the server sent after its ConnectResponse, as <see cref="MutatingProxy"/> saw it.</summary>
public sealed class ProxiedReply
{
    public ProxiedReply(ProxiedConnection connection, int index, byte[] frame, int opCode)
    {
        Connection = connection;
        Index = index;
        Frame = frame;
        OpCode = opCode;
    }

    public ProxiedConnection Connection { get; }

    /// <summary>1 for the first reply after the ConnectResponse on its connection.</summary>
    public int Index { get; }

    /// <summary>The whole frame, its 4-byte length prefix included.</summary>
    public byte[] Frame { get; }

    /// <summary>The opcode of the request this reply answers (by xid), or -1 when no request had its xid.</summary>
    public int OpCode { get; }

    public bool HasHeader => Frame.Length >= 20;

    public int Xid => Frames.ReadInt(Frame, 4);

    public long Zxid => Frames.ReadLong(Frame, 8);

    public int Error => Frames.ReadInt(Frame, 16);

    /// <summary>Where the reply's record starts (after the length prefix and the 16-byte reply header).</summary>
    public const int BodyOffset = 20;
}

/// <summary>What the proxy sends the client instead of a reply, and whether it then cuts the connection.</summary>
public sealed class ReplyRewrite
{
    public ReplyRewrite(byte[] bytes, bool cutAfter = false)
    {
        Bytes = bytes;
        CutAfter = cutAfter;
    }

    public byte[] Bytes { get; }

    public bool CutAfter { get; }
}

/// <summary>Big-endian frame arithmetic and the rewrites the tests use (compiled delegates, so PowerShell can pass them too).</summary>
public static class Frames
{
    public const int OpCreate2 = 15;
    public const int OpGetData = 4;
    public const int OpGetChildren2 = 12;

    public static int ReadInt(byte[] b, int offset) => (b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3];

    public static long ReadLong(byte[] b, int offset) => ((long)ReadInt(b, offset) << 32) | (uint)ReadInt(b, offset + 4);

    public static void WriteInt(byte[] b, int offset, int value)
    {
        b[offset] = (byte)(value >> 24);
        b[offset + 1] = (byte)(value >> 16);
        b[offset + 2] = (byte)(value >> 8);
        b[offset + 3] = (byte)value;
    }

    public static void WriteLong(byte[] b, int offset, long value)
    {
        WriteInt(b, offset, (int)(value >> 32));
        WriteInt(b, offset + 4, (int)value);
    }

    /// <summary>Selects the reply to the next request of this opcode.</summary>
    public static Func<ProxiedReply, bool> ReplyTo(int opCode) => reply => reply.OpCode == opCode;

    /// <summary>The same bytes under a length prefix that claims <paramref name="extra"/> bytes more (or fewer) than follow.</summary>
    public static Func<ProxiedReply, ReplyRewrite> LengthChangedBy(int extra) => reply =>
    {
        var frame = (byte[])reply.Frame.Clone();
        WriteInt(frame, 0, frame.Length - 4 + extra);
        return new ReplyRewrite(frame);
    };

    /// <summary>The same bytes under a length prefix that claims <paramref name="length"/> bytes.</summary>
    public static Func<ProxiedReply, ReplyRewrite> LengthSetTo(int length) => reply =>
    {
        var frame = (byte[])reply.Frame.Clone();
        WriteInt(frame, 0, length);
        return new ReplyRewrite(frame);
    };

    public static Func<ProxiedReply, ReplyRewrite> XidSetTo(int xid) => reply =>
    {
        var frame = (byte[])reply.Frame.Clone();
        WriteInt(frame, 4, xid);
        return new ReplyRewrite(frame);
    };

    /// <summary>Flips one bit of the reply header's zxid (bit 0 is the lowest); the connection is then cut when asked.</summary>
    public static Func<ProxiedReply, ReplyRewrite> ZxidBitFlipped(int bit, bool cutAfter) => reply =>
    {
        var frame = (byte[])reply.Frame.Clone();
        WriteLong(frame, 8, reply.Zxid ^ (1L << bit));
        return new ReplyRewrite(frame, cutAfter);
    };

    /// <summary>Turns the first byte of a getChildren2 reply's first child name into 0xFF, which UTF-8 never contains.</summary>
    public static Func<ProxiedReply, ReplyRewrite> FirstChildNameNotUtf8() => reply =>
    {
        var frame = (byte[])reply.Frame.Clone();
        const int firstNameOffset = ProxiedReply.BodyOffset + 4 + 4; // after the vector count and the name's length
        if (reply.Error != 0 || ReadInt(frame, ProxiedReply.BodyOffset) < 1 || ReadInt(frame, ProxiedReply.BodyOffset + 4) < 1)
            throw new InvalidOperationException("The getChildren2 reply has no child name to corrupt.");
        frame[firstNameOffset] = 0xFF;
        return new ReplyRewrite(frame);
    };
}
