using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>What limits the damage of each kind of decision (the seed's "Mitigation").</summary>
public static class Mitigations
{
    public static string For(ResolutionOption chosen, WorkItem prerequisite, WorkItem impacted) => chosen.Kind switch
    {
        ResolutionKind.DelayDependent => impacted.Kind == WorkItemKind.Release
            ? (chosen.Impact.AccountsAffected > 0
                ? $"{impacted.OwnerAgentId} tells the {Wording.Count(chosen.Impact.AccountsAffected, "affected customer account", "affected customer accounts")} the new date with the reason"
                : $"{impacted.OwnerAgentId} announces the new date of {impacted.ItemId} with the reason")
              + $"; {prerequisite.OwnerAgentId} delivers {prerequisite.ItemId} without further slip"
            : $"{impacted.OwnerAgentId} re-plans {impacted.ItemId} around the new date of {prerequisite.ItemId}",
        ResolutionKind.ProceedAndRunAfter =>
            $"{prerequisite.OwnerAgentId} designs a faster test variant and runs {prerequisite.ItemId} after launch; {impacted.OwnerAgentId} ships behind a flag that can roll back",
        ResolutionKind.ShortenPrerequisite =>
            $"{prerequisite.OwnerAgentId} reads the result of {prerequisite.ItemId} at {chosen.Impact.Confidence:P0} power and flags it for a follow-up test if it is inconclusive",
        ResolutionKind.DescopeDependent =>
            $"{impacted.OwnerAgentId} plans the descoped part for the next release once {prerequisite.ItemId} {(prerequisite.Kind == WorkItemKind.Experiment ? "has its result" : "is live")}",
        _ => "",
    };
}
