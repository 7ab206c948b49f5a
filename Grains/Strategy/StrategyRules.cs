using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Grains.Strategy;

/// <summary>What publishing a strategy change does: a new version, or a retry of one already published.</summary>
public abstract record StrategyOutcome
{
    public sealed record Publish(StudioStrategy Strategy) : StrategyOutcome;

    public sealed record AlreadyPublished(StudioStrategy Strategy) : StrategyOutcome;
}

public static class StrategyRules
{
    /// <summary>
    /// Validates a change against the strategies already published (oldest first). A message id seen before is a
    /// retry and returns what it published; otherwise the version must move forward.
    /// </summary>
    public static StrategyOutcome Evaluate(string studioId, StrategyChange? change, IReadOnlyList<StudioStrategy> history, DateTimeOffset now)
    {
        change = Require.Present(change, "change");
        Require.Id(change.MessageId, "change.messageId");

        var previous = history.LastOrDefault(s => s.MessageId == change.MessageId);
        if (previous is not null) return new StrategyOutcome.AlreadyPublished(previous);

        var current = history.Count > 0 ? history[^1].Version : 0;
        if (change.Version <= current)
            throw new InvalidRequestException("change.version",
                $"is {change.Version}; strategy versions only go forward and the current version is {current}");

        var priorities = Require.Labels(change.Priorities, "change.priorities");
        var constraints = Require.Labels(change.Constraints, "change.constraints");
        if (priorities.Count == 0)
            throw new InvalidRequestException("change.priorities", "must name at least one priority");

        return new StrategyOutcome.Publish(new StudioStrategy(
            studioId,
            change.Version,
            [.. priorities],
            [.. constraints],
            Require.Text(change.Rationale, "change.rationale"),
            Require.Label(change.IssuedBy, "change.issuedBy"),
            now,
            change.MessageId));
    }
}
