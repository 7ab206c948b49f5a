using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.LlmAgents.Reacting;

/// <summary>
/// A command a model asked for, held until its answer is complete: then the agent sends every command of the
/// reaction, in order, or none. Each carries its id (a report id, an item, a decision, a handoff), so sending it again
/// after a failure applies it once.
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.llm.StagedCommand")]
public abstract record StagedCommand
{
    /// <summary>Acknowledging a decision and answering a handoff close the message: they go last.</summary>
    public virtual bool Closes => false;

    public abstract string Describe();
}

[GenerateSerializer, Immutable, Alias("orch.llm.StagedBlocker")]
public sealed record StagedBlocker(BlockerReport Report) : StagedCommand
{
    public override string Describe() => $"reported blocker {Report.ReportId} ({Report.Severity}): {Report.Summary}";
}

[GenerateSerializer, Immutable, Alias("orch.llm.StagedRisk")]
public sealed record StagedRisk(RiskReport Report) : StagedCommand
{
    public override string Describe() => $"reported risk {Report.ReportId} ({Report.Severity}): {Report.Summary}";
}

[GenerateSerializer, Immutable, Alias("orch.llm.StagedDeclaration")]
public sealed record StagedDeclaration(WorkItem Item, string Reason) : StagedCommand
{
    public override string Describe() =>
        $"declared {Item.ItemId} {Item.Start:yyyy-MM-dd} to {Item.End:yyyy-MM-dd}{(Item.DependsOn.Count > 0 ? $" needing {string.Join(", ", Item.DependsOn.Select(d => d.ItemId))}" : "")}: {Reason}";
}

[GenerateSerializer, Immutable, Alias("orch.llm.StagedAcknowledgement")]
public sealed record StagedAcknowledgement(DecisionAcknowledgement Acknowledgement) : StagedCommand
{
    public override bool Closes => true;

    public override string Describe() => $"acknowledged decision {Acknowledgement.DecisionId} of {Acknowledgement.ConflictId}";
}

[GenerateSerializer, Immutable, Alias("orch.llm.StagedHandoffAnswer")]
public sealed record StagedHandoffAnswer(HandoffOffer Offer, HandoffResponse Response) : StagedCommand
{
    public override bool Closes => true;

    public override string Describe() => $"{(Response.Accept ? "accepted" : "declined")} handoff {Response.HandoffId}: {Response.Reason}";
}
