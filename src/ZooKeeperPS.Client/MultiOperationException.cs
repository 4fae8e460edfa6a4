using System.Collections.Generic;

namespace ZooKeeperPS.Client;

/// <summary>A transaction (multi) that was not applied: <see cref="FailedOpIndex"/> names the operation that failed.</summary>
public sealed class MultiOperationException : ZooKeeperException
{
    public MultiOperationException(int failedOpIndex, ErrorCode code, string? path, IReadOnlyList<OpResult> results)
        : base(code, path, $"operation {failedOpIndex} of the transaction failed ({Describe(code)}) and nothing was applied.")
    {
        FailedOpIndex = failedOpIndex;
        Results = results;
    }

    /// <summary>Zero-based index of the first operation whose result is not Ok.</summary>
    public int FailedOpIndex { get; }

    /// <summary>One result per operation: Ok before the failure, the real code at it, RuntimeInconsistency after it.</summary>
    public IReadOnlyList<OpResult> Results { get; }
}
