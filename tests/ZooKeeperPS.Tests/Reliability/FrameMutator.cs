using System;

namespace ZooKeeperPS.Tests.Reliability;

internal enum MutationKind
{
    BitFlip,
    LengthChange,
    XidRewrite,
    Truncation,
    CutMidFrame,
    NotUtf8,
}

/// <summary>
/// One mutated reply. <see cref="CannotBeRight"/> marks a frame that no server could have sent and that the client
/// can tell from the frame alone (an xid nobody waits for, a record shorter than its type, a length over
/// jute.maxbuffer, a string that is not UTF-8): the client must drop the connection within a second.
/// </summary>
internal sealed class Mutation
{
    public Mutation(MutationKind kind, string description, bool cannotBeRight, ReplyRewrite rewrite)
    {
        Kind = kind;
        Description = description;
        CannotBeRight = cannotBeRight;
        Rewrite = rewrite;
    }

    public MutationKind Kind { get; }

    public string Description { get; }

    public bool CannotBeRight { get; }

    public ReplyRewrite Rewrite { get; }
}

/// <summary>
/// Chooses mutations of server replies from a seeded <see cref="Random"/>: one seed always makes the same sequence of
/// choices (which replies they land on still depends on timing).
/// </summary>
internal sealed class FrameMutator
{
    private const int JuteMaxBuffer = 1024 * 1024 - 1;

    private static readonly (MutationKind Kind, int Weight)[] Weights =
    {
        (MutationKind.BitFlip, 30),
        (MutationKind.LengthChange, 15),
        (MutationKind.XidRewrite, 20),
        (MutationKind.Truncation, 15),
        (MutationKind.CutMidFrame, 10),
        (MutationKind.NotUtf8, 10),
    };

    private readonly Random _random;
    private readonly double _probability;

    public FrameMutator(int seed, double probability)
    {
        _random = new Random(seed);
        _probability = probability;
    }

    /// <summary>A mutation for this reply, or null to pass it on (the pump threads of several connections call this).</summary>
    public Mutation? Next(ProxiedReply reply)
    {
        lock (_random)
        {
            if (_random.NextDouble() >= _probability) return null;
            var pick = _random.Next(100);
            foreach (var (kind, weight) in Weights)
            {
                if (pick < weight) return Make(kind, reply);
                pick -= weight;
            }

            throw new InvalidOperationException("The weights do not add up to 100.");
        }
    }

    private Mutation Make(MutationKind kind, ProxiedReply reply)
    {
        var frame = (byte[])reply.Frame.Clone();
        var length = frame.Length - 4;
        if (!reply.HasHeader) kind = MutationKind.BitFlip;
        switch (kind)
        {
            case MutationKind.LengthChange:
            {
                var claimed = _random.Next(4) switch
                {
                    0 => length - _random.Next(1, Math.Min(length, 16) + 1),
                    1 => length + _random.Next(1, 17),
                    2 => length + 1024 * 1024,
                    _ => _random.Next(int.MinValue, int.MaxValue),
                };
                Frames.WriteInt(frame, 0, claimed);
                // A shorter frame leaves its record short; a longer one is only wrong once the bytes after it arrive.
                var cannotBeRight = claimed < length || claimed > JuteMaxBuffer;
                return new Mutation(kind, $"length {length} -> {claimed}", cannotBeRight, new ReplyRewrite(frame));
            }
            case MutationKind.XidRewrite:
            {
                var xid = reply.Xid;
                var rewritten = _random.Next(3) switch
                {
                    0 => xid == -2 ? -4 : -2,
                    1 => xid == -4 ? -2 : -4,
                    _ => xid ^ (0x4000_0000 >> _random.Next(8)),
                };
                Frames.WriteInt(frame, 4, rewritten);
                return new Mutation(kind, $"xid {xid} -> {rewritten}", true, new ReplyRewrite(frame));
            }
            case MutationKind.Truncation:
            {
                var cut = _random.Next(1, Math.Min(length, 24) + 1);
                var shorter = new byte[frame.Length - cut];
                Array.Copy(frame, shorter, shorter.Length);
                Frames.WriteInt(shorter, 0, length - cut);
                return new Mutation(kind, $"last {cut} of {length} bytes removed", true, new ReplyRewrite(shorter));
            }
            case MutationKind.CutMidFrame:
            {
                var sent = _random.Next(1, frame.Length);
                var part = new byte[sent];
                Array.Copy(frame, part, sent);
                return new Mutation(kind, $"cut after {sent} of {frame.Length} bytes", false, new ReplyRewrite(part, cutAfter: true));
            }
            case MutationKind.NotUtf8 when TryCorruptFirstString(reply, frame):
                return new Mutation(kind, $"first string of a reply to opcode {reply.OpCode} not UTF-8", true, new ReplyRewrite(frame));
            default:
            {
                var bit = _random.Next(length * 8);
                var index = 4 + bit / 8;
                frame[index] ^= (byte)(1 << (bit % 8));
                var field = index < 8 ? "xid" : index < 16 ? "zxid" : index < 20 ? "err" : "body";
                return new Mutation(MutationKind.BitFlip, $"bit {bit % 8} of byte {index} ({field})", index < 8, new ReplyRewrite(frame));
            }
        }
    }

    /// <summary>Sets the first byte of a getChildren2 reply's first name, or of a create2 reply's path, to 0xFF.</summary>
    private static bool TryCorruptFirstString(ProxiedReply reply, byte[] frame)
    {
        if (reply.Error != 0) return false;
        var body = ProxiedReply.BodyOffset;
        var stringAt = reply.OpCode switch
        {
            Frames.OpGetChildren2 when Frames.ReadInt(frame, body) > 0 => body + 4,
            Frames.OpCreate2 => body,
            _ => -1,
        };
        if (stringAt < 0 || Frames.ReadInt(frame, stringAt) < 1) return false;
        frame[stringAt + 4] = 0xFF;
        return true;
    }
}
