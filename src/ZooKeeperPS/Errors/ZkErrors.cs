using System;
using System.Management.Automation;
using System.Security.Authentication;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// The one mapping from client failures to ErrorRecords: a stable id "ZooKeeper.&lt;Code&gt;" (PowerShell appends the
/// cmdlet's type name to form the FullyQualifiedErrorId), a category from the ZooKeeper error code, the path as
/// target, and the original exception inside. Advice that depends on the command that failed comes from that
/// command (an <see cref="ErrorAdvice"/> for a ZooKeeper error code).
/// </summary>
internal static class ZkErrors
{
    /// <param name="exception">The failure, wrapped in AggregateExceptions or not.</param>
    /// <param name="target">What failed (usually the znode path); the exception's path when null.</param>
    /// <param name="advise">The failing command's advice for a ZooKeeper error, or null for none.</param>
    public static ErrorRecord FromException(Exception exception, object? target, Func<ZooKeeperException, ErrorAdvice?>? advise = null)
    {
        exception = Unwrap(exception);
        return exception switch
        {
            SessionClosedException => SessionClosed(exception, target),
            CreateOutcomeUnknownException unknown => CreateOutcomeUnknown(unknown, target),
            ReplyTooLargeException tooLarge => new ErrorRecord(tooLarge, "ZooKeeper.ReplyTooLarge", ErrorCategory.LimitsExceeded, target),
            ZooKeeperException zk => WithAdvice(FromZooKeeper(zk, target), zk, advise?.Invoke(zk)),
            // Every server refused TLS (a certificate either way) before a session was opened.
            AuthenticationException => new ErrorRecord(exception, "ZooKeeper.TlsAuthenticationFailed", ErrorCategory.SecurityError, target),
            ArgumentException arg => InvalidArgument(arg, target),
            NotSupportedException => new ErrorRecord(exception, "ZooKeeper.NotSupported", ErrorCategory.NotImplemented, target),
            OperationCanceledException => new ErrorRecord(exception, "ZooKeeper.Canceled", ErrorCategory.OperationStopped, target),
            TimeoutException => new ErrorRecord(exception, "ZooKeeper.Timeout", ErrorCategory.OperationTimeout, target),
            _ => new ErrorRecord(exception, "ZooKeeper.Failed", ErrorCategory.NotSpecified, target),
        };
    }

    /// <summary>
    /// The error a command writes for a failed item: a lost request also says whether it may have happened, and
    /// <paramref name="terminating"/> tells whether the failure ends the command (the session is gone).
    /// </summary>
    public static ErrorRecord ForFailedItem(Exception exception, object? target, Func<ZooKeeperException, ErrorAdvice?>? advise,
        out bool terminating)
    {
        exception = Unwrap(exception);
        terminating = IsSessionFailure(exception);
        return exception is ZooKeeperException { Code: ErrorCode.ConnectionLoss } lost
            ? RequestLost(lost, target)
            : FromException(exception, target, advise);
    }

    /// <summary>Failures after which no further request on the session can succeed: these terminate the cmdlet.</summary>
    private static bool IsSessionFailure(Exception exception) =>
        exception is SessionClosedException
            || exception is ZooKeeperException { Code: ErrorCode.SessionExpired or ErrorCode.AuthFailed or ErrorCode.SessionClosedRequireSaslAuth };

    /// <summary>
    /// The error for a request whose connection broke before its reply: it may have reached the server, so its outcome
    /// is unknown, unless the client never sent it (the category stays ConnectionError, the id ZooKeeper.ConnectionLoss).
    /// </summary>
    private static ErrorRecord RequestLost(ZooKeeperException exception, object? target)
    {
        var record = FromZooKeeper(exception, target);
        if (!exception.RequestSent)
        {
            record.ErrorDetails = new ErrorDetails(
                $"{exception.Message} The request was not sent, because no server was connected: nothing was changed. " +
                "The session reconnects by itself; repeat the request when a server is back.");
            record.ErrorDetails.RecommendedAction = "Repeat the request when a server is back.";
            return record;
        }
        record.ErrorDetails = new ErrorDetails(
            $"{exception.Message} The outcome is unknown: the server may or may not have carried out the request. " +
            "The session reconnects by itself; check the node before you repeat a change.");
        record.ErrorDetails.RecommendedAction = "Check the node, then repeat the request if it did not happen.";
        return record;
    }

    /// <summary>A create that may or may not have made the node it found: never acknowledged, never plain NodeExists.</summary>
    private static ErrorRecord CreateOutcomeUnknown(CreateOutcomeUnknownException exception, object? target)
    {
        var record = new ErrorRecord(exception, "ZooKeeper.CreateOutcomeUnknown", ErrorCategory.ResourceExists, target ?? exception.Path);
        record.ErrorDetails = new ErrorDetails(
            $"{exception.Message} Check the node (its data, ctime and czxid) before you rely on having created it.");
        record.ErrorDetails.RecommendedAction = "Check the node before you rely on having created it.";
        return record;
    }

    public static ErrorRecord NoSession() => new(
        new InvalidOperationException("There is no ZooKeeper session in this runspace. Run Connect-ZooKeeper first, or pass -Session."),
        "ZooKeeper.NoSession", ErrorCategory.ConnectionError, null);

    public static ErrorRecord InvalidArgument(string message, string errorId, object? target) =>
        new(new ArgumentException(message), "ZooKeeper." + errorId, ErrorCategory.InvalidArgument, target);

    public static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }
        return exception;
    }

    private static ErrorRecord FromZooKeeper(ZooKeeperException exception, object? target)
    {
        var code = exception.Code;
        var id = "ZooKeeper." + (Enum.IsDefined(typeof(ErrorCode), code) ? code.ToString() : "Error" + (int)code);
        var record = new ErrorRecord(exception, id, Category(code), target ?? exception.Path);
        switch (code)
        {
            case ErrorCode.Unimplemented:
                record.ErrorDetails = new ErrorDetails($"{exception.Message} The operation may need a newer ZooKeeper.");
                break;
            case ErrorCode.QuotaExceeded:
                record.ErrorDetails = new ErrorDetails(
                    $"{exception.Message} A hard quota on this node or on one of its ancestors does not allow the change " +
                    "(the server enforces hard quotas with zookeeper.enforceQuota=true).");
                record.ErrorDetails.RecommendedAction = "See the quota with Get-ZkQuota; raise it with Set-ZkQuota -Hard, or make room first.";
                break;
            case ErrorCode.SessionExpired:
                record.ErrorDetails = new ErrorDetails(
                    "The ZooKeeper session has expired: its ephemeral nodes and watches are gone. Run Connect-ZooKeeper to open a new session.");
                record.ErrorDetails.RecommendedAction = "Run Connect-ZooKeeper.";
                break;
        }
        return record;
    }

    private static ErrorRecord WithAdvice(ErrorRecord record, ZooKeeperException exception, ErrorAdvice? advice)
    {
        if (advice is not null)
        {
            record.ErrorDetails = new ErrorDetails($"{exception.Message} {advice.Explanation}")
            {
                RecommendedAction = advice.RecommendedAction,
            };
        }
        return record;
    }

    private static ErrorCategory Category(ErrorCode code) => code switch
    {
        ErrorCode.NoNode => ErrorCategory.ObjectNotFound,
        ErrorCode.NodeExists => ErrorCategory.ResourceExists,
        ErrorCode.NoAuth => ErrorCategory.PermissionDenied,
        ErrorCode.AuthFailed or ErrorCode.SessionClosedRequireSaslAuth => ErrorCategory.AuthenticationError,
        ErrorCode.BadVersion or ErrorCode.NotEmpty or ErrorCode.NoChildrenForEphemerals or ErrorCode.NotReadOnly
            or ErrorCode.EphemeralOnLocalSession or ErrorCode.RuntimeInconsistency => ErrorCategory.InvalidOperation,
        ErrorCode.ConnectionLoss or ErrorCode.SessionExpired or ErrorCode.SessionMoved or ErrorCode.UnknownSession
            => ErrorCategory.ConnectionError,
        ErrorCode.BadArguments or ErrorCode.InvalidAcl or ErrorCode.MarshallingError => ErrorCategory.InvalidArgument,
        ErrorCode.OperationTimeout or ErrorCode.RequestTimeout => ErrorCategory.OperationTimeout,
        ErrorCode.QuotaExceeded => ErrorCategory.QuotaExceeded,
        ErrorCode.Throttled => ErrorCategory.LimitsExceeded,
        ErrorCode.NoWatcher => ErrorCategory.ObjectNotFound,
        ErrorCode.Unimplemented => ErrorCategory.NotImplemented,
        ErrorCode.ReconfigDisabled => ErrorCategory.InvalidOperation,
        ErrorCode.NewConfigNoQuorum => ErrorCategory.ResourceUnavailable,
        ErrorCode.ReconfigInProgress => ErrorCategory.ResourceBusy,
        _ => ErrorCategory.NotSpecified,
    };

    private static ErrorRecord SessionClosed(Exception exception, object? target)
    {
        var record = new ErrorRecord(exception, "ZooKeeper.SessionClosed", ErrorCategory.ConnectionError, target);
        record.ErrorDetails = new ErrorDetails(
            "The ZooKeeper session is closed. Run Connect-ZooKeeper to open a new session, or pass an open one with -Session.");
        return record;
    }

    private static ErrorRecord InvalidArgument(ArgumentException exception, object? target)
    {
        var record = new ErrorRecord(exception, IsPathArgument(exception) ? "ZooKeeper.InvalidPath" : "ZooKeeper.InvalidArgument",
            ErrorCategory.InvalidArgument, target);
        if (exception.ParamName is not null)
        {
            // .NET appends " (Parameter 'path')" to the message: noise for someone who typed a -Path.
            record.ErrorDetails = new ErrorDetails(exception.Message.Replace($" (Parameter '{exception.ParamName}')", ""));
        }
        return record;
    }

    private static bool IsPathArgument(ArgumentException exception) =>
        string.Equals(exception.ParamName, "path", StringComparison.OrdinalIgnoreCase);
}
