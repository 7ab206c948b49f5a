using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;

namespace Orchestration.Grains.Health;

/// <summary>
/// Seed Workflow 4, "develop intervention plan", from the project's own data: owners over capacity need resources
/// (burnout); open blockers with overdue milestones mean the scope is too big (scope creep, unclear requirements);
/// otherwise the plan is more time.
/// </summary>
public static class InterventionPolicy
{
    public static (InterventionKind Kind, string Diagnosis, string Plan) Choose(
        Project project, IReadOnlyList<ReportRecord> openBlockers, double ownerUtilization, DateOnly today, double overloaded)
    {
        var overdue = project.Milestones.Where(m => !m.Done && m.Due < today).ToList();
        var next = project.Milestones.Where(m => !m.Done).OrderBy(m => m.Due).FirstOrDefault();
        if (ownerUtilization >= overloaded)
            return (InterventionKind.AddResources,
                $"red two reviews running with its owners at {ownerUtilization:P0} of capacity: the team is overloaded",
                $"Add temporary resources to {project.Name}; daily check-ins until it is green again");
        if (overdue.Count > 0 && openBlockers.Count > 0)
            return (InterventionKind.DescopeToMvp,
                $"red two reviews running with {overdue.Count} milestone(s) overdue and {openBlockers.Count} open blocker(s): the scope outgrew the plan",
                $"Descope {project.Name} to its MVP: keep {(next?.Name ?? "the next milestone")}, defer the rest; daily check-ins until it is green again");
        return (InterventionKind.ExtendTimeline,
            $"red two reviews running without overload or scope growth: the plan was too tight",
            next is null
                ? $"Extend the timeline of {project.Name} by two weeks; daily check-ins until it is green again"
                : $"Move {next.Name} from {next.Due:yyyy-MM-dd} to {next.Due.AddDays(14):yyyy-MM-dd}; daily check-ins until it is green again");
    }
}
