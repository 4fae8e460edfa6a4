using System;

namespace ZooKeeperPS.Client;

/// <summary>A failure reported by ZooKeeper (or by the client on its behalf), with the code and the path it concerns.</summary>
public class ZooKeeperException : Exception
{
    public ZooKeeperException(ErrorCode code, string? path = null, string? detail = null, Exception? innerException = null)
        : base(FormatMessage(code, path, detail), innerException)
    {
        Code = code;
        Path = path;
    }

    public ErrorCode Code { get; }

    /// <summary>The path the failed call was about (as the caller gave it), or null.</summary>
    public string? Path { get; }

    /// <summary>
    /// False for a ConnectionLoss of a request that never left the client (it waited while no server was connected):
    /// it had no effect, so sending it again is safe even when it is not idempotent. True otherwise.
    /// </summary>
    public bool RequestSent { get; internal set; } = true;

    private static string FormatMessage(ErrorCode code, string? path, string? detail)
    {
        var text = detail ?? Describe(code);
        return path is null ? $"{Name(code)}: {text}" : $"{Name(code)} for {path}: {text}";
    }

    private static string Name(ErrorCode code) =>
        Enum.IsDefined(typeof(ErrorCode), code) ? code.ToString() : "Error" + (int)code;

    /// <summary>A one-sentence explanation of a code, for messages.</summary>
    public static string Describe(ErrorCode code) => code switch
    {
        ErrorCode.Ok => "no error.",
        ErrorCode.SystemError => "a system error occurred.",
        ErrorCode.RuntimeInconsistency => "a runtime inconsistency was found (in a transaction: an earlier operation failed).",
        ErrorCode.DataInconsistency => "a data inconsistency was found.",
        ErrorCode.ConnectionLoss => "the connection to the server was lost.",
        ErrorCode.MarshallingError => "the data could not be encoded or decoded.",
        ErrorCode.Unimplemented => "the server does not implement this operation.",
        ErrorCode.OperationTimeout => "the operation timed out.",
        ErrorCode.BadArguments => "the server rejected the arguments.",
        ErrorCode.UnknownSession => "the session is unknown to the server.",
        ErrorCode.NewConfigNoQuorum => "the new configuration has no quorum.",
        ErrorCode.ReconfigInProgress => "a reconfiguration is in progress.",
        ErrorCode.ApiError => "an API error occurred.",
        ErrorCode.NoNode => "the node does not exist.",
        ErrorCode.NoAuth => "not authorized for this operation on the node.",
        ErrorCode.BadVersion => "the version does not match the node's version.",
        ErrorCode.NoChildrenForEphemerals => "ephemeral nodes cannot have children.",
        ErrorCode.NodeExists => "the node already exists.",
        ErrorCode.NotEmpty => "the node has children.",
        ErrorCode.SessionExpired => "the session has expired.",
        ErrorCode.InvalidCallback => "invalid callback.",
        ErrorCode.InvalidAcl => "the ACL is invalid.",
        ErrorCode.AuthFailed => "authentication failed.",
        ErrorCode.SessionMoved => "the session moved to another server.",
        ErrorCode.NotReadOnly => "the server is read-only; writes are not allowed.",
        ErrorCode.EphemeralOnLocalSession => "ephemeral nodes cannot be created on a local session.",
        ErrorCode.NoWatcher => "no such watch is registered.",
        ErrorCode.RequestTimeout => "the request timed out.",
        ErrorCode.ReconfigDisabled => "reconfiguration is disabled on the server.",
        ErrorCode.SessionClosedRequireSaslAuth => "the session was closed: SASL authentication is required.",
        ErrorCode.QuotaExceeded => "the quota was exceeded.",
        ErrorCode.Throttled => "the server throttled the operation.",
        _ => "unknown error code " + (int)code + ".",
    };
}
