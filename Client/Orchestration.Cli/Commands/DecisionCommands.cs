using System.CommandLine;
using System.Globalization;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Cli.Commands;

internal static class DecisionCommands
{
    public static Command Conflicts()
    {
        var conflicts = new Command("conflicts", "Cross-agent dependency conflicts (strategic-conflict escalations, 48 h SLA)");
        var list = new Command("list", "Active conflicts and the most recently closed, newest first");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.WorkGraph.GetConflicts(), rows => CliContext.Table(rows,
                ("ID", c => c.ConflictId), ("STATUS", c => c.Status), ("NEEDS", c => $"{c.ImpactedItemId} ← {c.ViaItemId}"), ("LATE BY", c => $"{c.SlipDays} d"),
                ("AGENTS", c => string.Join(", ", c.Agents)), ("DECIDE BY", c => c.SlaDue.ToString("u")),
                ("DECISION", c => c.Decision is { } d ? $"{d.ChosenOptionId} ({d.DecidedBy})" : c.HeldBecause ?? c.SupersededBecause)))));
        conflicts.Subcommands.Add(list);
        return conflicts;
    }

    public static Command Decisions()
    {
        var decisions = new Command("decisions", "Decisions on conflicts: pending ones, approval, override, the decision log");

        var pending = new Command("pending", "Decisions the policy held for a human, with their options");
        pending.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.WorkGraph.GetPendingDecisions(), rows =>
                rows.Count == 0 ? "no decision is pending" : string.Join(Environment.NewLine + Environment.NewLine, rows.Select(Describe)))));
        decisions.Subcommands.Add(pending);

        var conflictId = new Argument<string>("conflict-id") { Description = "Conflict id" };
        var show = new Command("show", "One conflict: its options, the decision and its action items") { conflictId };
        show.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.WorkGraph.GetConflict(parse.GetValue(conflictId)!)
                ?? throw new CliNotFoundException($"studio '{studio.StudioId}' has no conflict '{parse.GetValue(conflictId)}' (see `conflicts list`)"), Describe)));
        decisions.Subcommands.Add(show);

        var option = new Option<string>("--option") { Description = "Option id (see `decisions show`)", Required = true };
        var by = new Option<string>("--by") { Description = "Who decides (default: the CLI's credential; only root may name another)" };
        var why = new Option<string>("--why") { Description = "Why", Required = true };

        var approve = new Command("approve", "Decide a pending decision with one of its options") { conflictId, option, by, why };
        approve.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.WorkGraph.ApproveDecision(new ApproveDecision(parse.GetValue(conflictId)!, parse.GetValue(option)!, (parse.GetValue(by) ?? ""), parse.GetValue(why)!)),
                c => $"decided: {c.Decision!.DecisionId} on {c.ConflictId}: {c.Decision.ChosenOptionId}")));
        decisions.Subcommands.Add(approve);

        var @override = new Command("override", "Replace a decision's option; recorded with who and why") { conflictId, option, by, why };
        @override.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.WorkGraph.OverrideDecision(new OverrideDecision(parse.GetValue(conflictId)!, parse.GetValue(option)!, (parse.GetValue(by) ?? ""), parse.GetValue(why)!)),
                c => $"overridden: {c.Decision!.DecisionId} on {c.ConflictId}: {c.Decision.Override!.PreviousOptionId} → {c.Decision.ChosenOptionId}")));
        decisions.Subcommands.Add(@override);

        var log = new Command("log", "Every decision in force, oldest first");
        log.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.WorkGraph.GetDecisionLog(), rows => CliContext.Table(rows,
                ("DECISION", d => d.DecisionId), ("CONFLICT", d => d.ConflictId), ("CHOSEN", d => d.ChosenOptionId), ("BY", d => d.DecidedBy),
                ("AT", d => d.DecidedAt.ToString("u")), ("VELOCITY", d => d.Velocity.ToString(@"d\.hh\:mm", CultureInfo.InvariantCulture)),
                ("OVERRIDE", d => d.Override is { } o ? $"{o.PreviousOptionId} → by {o.By}: {o.Why}" : "")))));
        decisions.Subcommands.Add(log);
        decisions.Subcommands.Add(JournalCommands.DecisionHistory());

        var followUp = new Command("follow-up", "Flag overdue action items now (the Producer also does it on a reminder)");
        followUp.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.WorkGraph.FollowUpActionItems(), rows => CliContext.Table(rows,
                ("ACTION ITEM", a => a.ActionItemId), ("AGENT", a => a.AgentId), ("DUE", a => a.Due.ToString("u")), ("WHAT", a => a.Instruction)))));
        decisions.Subcommands.Add(followUp);

        return decisions;
    }

    public static Command Work()
    {
        var work = new Command("work", "Work items agents declared: experiments and releases, with their dependencies");
        var list = new Command("list", "Every work item");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.WorkGraph.GetWorkItems(), rows => CliContext.Table(rows,
                ("ID", i => i.ItemId), ("KIND", i => i.Kind), ("OWNER", i => i.OwnerAgentId), ("START", i => i.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("END", i => i.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("NEEDS", i => string.Join(", ", i.DependsOn.Select(d => d.LeadDays > 0 ? $"{d.ItemId} (-{d.LeadDays} d)" : d.ItemId)))))));
        work.Subcommands.Add(list);
        return work;
    }

    public static Command Handoffs()
    {
        var handoffs = new Command("handoffs", "Work handed between agents, tracked to its outcome");
        var list = new Command("list", "Open handoffs and the most recently settled");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Producer.GetHandoffs(), rows => CliContext.Table(rows,
                ("ID", h => h.Offer.HandoffId), ("KIND", h => h.Offer.Kind), ("FROM", h => h.Offer.FromAgentId), ("TO", h => h.Offer.ToAgentId),
                ("STATUS", h => h.Status), ("REASON", h => h.Reason)))));
        handoffs.Subcommands.Add(list);
        handoffs.Subcommands.Add(JournalCommands.History("Every handoff offered or settled since the studio began, from the journal",
            nameof(HandoffOffered), nameof(HandoffSettled)));
        return handoffs;
    }

    /// <summary>One conflict as a tree: what it is, each option with its cost and impact, the decision with what it
    /// rejected and why, and the action items it sent.</summary>
    private static string Describe(Conflict c)
    {
        var branches = new List<(string, IEnumerable<string>)>
        {
            ($"agents {string.Join(", ", c.Agents)}; raised {c.RaisedAt:u}; decide by {c.SlaDue:u}", []),
        };
        if (c.HeldBecause is { } held) branches.Add(($"held: {held}", []));
        if (c.WithdrawnBecause is { } withdrawn) branches.Add(($"withdrawn: {withdrawn}", []));
        if (c.SupersededBecause is { } superseded) branches.Add(($"superseded: {superseded}", []));
        branches.Add(("options", c.Options.Select(o => string.Create(CultureInfo.InvariantCulture,
            $"{o.OptionId}{(o.OptionId == c.RecommendedOptionId ? " (recommended)" : "")}: cost {o.Score:0.##} points, revenue at risk {o.Impact.RevenueAtRisk:N0}, " +
            $"{o.Impact.CommitmentsBroken} commitment(s) broken, slip {o.Impact.ScheduleSlipDays} d, power {o.Impact.Confidence:P0} — {o.Summary}"))));
        if (c.Decision is { } d)
        {
            branches.Add(($"decision {d.DecisionId} by {d.DecidedBy} at {d.DecidedAt:u}: {d.ChosenOptionId}",
                [$"rationale: {d.Rationale}", $"mitigation: {d.Mitigation}", .. d.Rejected.Select(r => $"rejected {r.OptionId}: {r.Why}")]));
            branches.Add(("action items", d.ActionItems.Select(a => $"{a.ActionItemId} → {a.AgentId} [{a.Status}] due {a.Due:u}: {a.Instruction}")));
        }

        return CliOutput.Tree($"{c.ConflictId} [{c.Status}] {c.Reason}", branches);
    }
}
