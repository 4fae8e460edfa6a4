namespace ZooKeeperPS.Client;

/// <summary>
/// A multiRead whose reply was longer than <see cref="ZooKeeperClientOptions.JuteMaxBuffer"/>: the server sent it
/// (it does not limit replies), the client skipped it unread, and the connection stays up. Read fewer nodes per
/// multiRead (or each node alone), or raise JuteMaxBuffer. The code is MarshallingError.
/// </summary>
public sealed class ReplyTooLargeException : ZooKeeperException
{
    internal ReplyTooLargeException(int replyLength, int limit)
        : base(ErrorCode.MarshallingError, null,
            $"the multiRead reply is {replyLength:n0} bytes long, over the limit of {limit:n0} bytes (JuteMaxBuffer); it was skipped unread. " +
            "Read fewer nodes per multiRead.")
    {
        ReplyLength = replyLength;
    }

    /// <summary>The length the reply had, in bytes.</summary>
    public int ReplyLength { get; }
}
