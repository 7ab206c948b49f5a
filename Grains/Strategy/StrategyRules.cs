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
    /// retry and returns what it published — if it says the same; the same id with other content is refused. A new
    /// change must be the next version (current + 1): a version cannot skip ahead, or one mistaken
    /// <c>int.MaxValue</c> would end the studio's ability to publish.
    /// </summary>
    public static StrategyOutcome Evaluate(string studioId, StrategyChange? change, IReadOnlyList<StudioStrategy> history, DateTimeOffset now)
    {
        change = Require.Present(change, "change");
        Require.Id(change.MessageId, "change.messageId");

        var previous = history.LastOrDefault(s => s.MessageId == change.MessageId);
        if (previous is not null)
            return Same(previous, change)
                ? new StrategyOutcome.AlreadyPublished(previous)
                : throw new InvalidRequestException("change.messageId",
                    $"'{change.MessageId}' was already used for strategy v{previous.Version}, which says something else; use a new message id for a new change");

        var current = history.Count > 0 ? history[^1].Version : 0;
        if (change.Version != current + 1)
            throw new InvalidRequestException("change.version",
                $"is {change.Version}; the current version is {current}, so the next one must be {current + 1}");

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

    private static bool Same(StudioStrategy published, StrategyChange change) =>
        published.Version == change.Version
        && published.Priorities.SequenceEqual(change.Priorities ?? [])
        && published.Constraints.SequenceEqual(change.Constraints ?? [])
        && published.Rationale == change.Rationale
        && published.IssuedBy == change.IssuedBy;
}
