namespace ZooKeeperPS;

/// <summary>
/// What only the failing command can say about a failure: what to change in that command's own parameters, or what
/// its work left behind. A cmdlet gives advice for the failures its context explains (see
/// <see cref="Commands.ZkCmdlet.AdviceFor"/>); <see cref="ZkErrors"/> adds it to the error's details.
/// </summary>
internal sealed class ErrorAdvice
{
    public ErrorAdvice(string explanation, string? recommendedAction = null)
    {
        Explanation = explanation;
        RecommendedAction = recommendedAction;
    }

    /// <summary>Said after the failure's own message.</summary>
    public string Explanation { get; }

    /// <summary>The error's RecommendedAction, when there is one to give.</summary>
    public string? RecommendedAction { get; }
}
