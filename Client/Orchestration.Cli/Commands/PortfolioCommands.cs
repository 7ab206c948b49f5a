using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Portfolio;

namespace Orchestration.Cli.Commands;

internal static class PortfolioCommands
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Report()
    {
        var report = new Command("report", "The seed's meetings and reports, as Markdown (default) or JSON");
        foreach (var kind in BriefingKind.All)
        {
            var command = new Command(kind.Command, kind.Description);
            if (kind.Name != kind.Command) command.Aliases.Add(kind.Name);
            command.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            {
                var document = kind.Build(await studio.Portfolio.GetBriefing(kind.PeriodDays));
                Console.WriteLine(parse.GetValue(CliContext.Json)
                    ? JsonSerializer.Serialize(document, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true })
                    : MarkdownRenderer.Render(document));
            }));
            report.Subcommands.Add(command);
        }

        return report;
    }

    public static Command Projects()
    {
        var projects = new Command("projects", "Projects: status, cadence, interventions");
        var list = new Command("list", "Every project");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Portfolio.GetProjects(), rows => CliContext.Table(rows,
                ("ID", p => p.ProjectId), ("NAME", p => p.Name), ("STATUS", p => p.Status), ("REASON", p => p.StatusReason),
                ("CADENCE", p => p.Cadence), ("RED REVIEWS", p => p.ConsecutiveRedReviews),
                ("INTERVENTION", p => p.Intervention is { } i ? $"{i.Kind}: {i.Plan}" : ""), ("OWNERS", p => string.Join(", ", p.OwnerAgentIds))))));
        projects.Subcommands.Add(list);

        var id = new Option<string>("--id") { Description = "Project id", Required = true };
        var name = new Option<string>("--name") { Description = "Project name", Required = true };
        var owners = new Option<string[]>("--owner") { Description = "Owning agent (repeat)", Required = true, AllowMultipleArgumentsPerToken = true };
        var declare = new Command("declare", "Declare or update a project") { id, name, owners };
        declare.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Portfolio.DeclareProject(new ProjectDeclaration(parse.GetValue(id)!, parse.GetValue(name)!, parse.GetValue(owners) ?? [], [])),
                p => $"declared: {p.ProjectId}")));
        projects.Subcommands.Add(declare);

        var projectId = new Argument<string>("project-id");
        var agent = new Option<string>("--agent") { Description = "Reporting (owning) agent (default: the CLI's credential's agent)" };
        var status = new Option<ProjectStatus>("--status") { Description = "Green, Yellow or Red", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var report = new Command("status", "Report a project's status") { projectId, agent, status, reason };
        report.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Portfolio.ReportProjectStatus(new StatusReport($"status-{Guid.NewGuid():N}", parse.GetValue(projectId)!, (parse.GetValue(agent) ?? ""), parse.GetValue(status), parse.GetValue(reason)!)),
                p => $"{p.ProjectId} is {p.Status}")));
        projects.Subcommands.Add(report);

        var review = new Command("review", "Run the health review now (the Producer also runs it on a reminder)");
        review.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Portfolio.RunHealthReview(), r =>
                $"reviewed {r.Reviewed.Count}: {string.Join(", ", r.Reviewed)}; interventions started: {string.Join(", ", r.InterventionsStarted)}; recovered: {string.Join(", ", r.Recovered)}; systemic: {string.Join(", ", r.SystemicIssuesFlagged)}")));
        projects.Subcommands.Add(review);
        return projects;
    }

    public static Command Escalations()
    {
        var escalations = new Command("escalations", "Escalations and their SLAs (blocker 4 h, request 24 h, conflict 48 h, incident at once)");
        var list = new Command("list", "Open escalations and the most recently resolved");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var now = DateTimeOffset.UtcNow;
            CliContext.Print(parse, await studio.Escalations.GetEscalations(), rows => CliContext.Table(rows,
                ("ID", e => e.EscalationId), ("CLASS", e => e.Class), ("STATUS", e => e.Status), ("LEVEL", e => e.Level),
                ("SLA", e => e.Status == EscalationStatus.Resolved ? "" : StudioReports.SlaLeft(e, now)), ("BREACHES", e => e.Breaches?.Count ?? 0),
                ("ASSIGNEE", e => e.Assignee), ("SUMMARY", e => e.Summary)));
        }));
        escalations.Subcommands.Add(list);
        escalations.Subcommands.Add(JournalCommands.History("Every escalation raised, changed or breached since the studio began, from the journal",
            nameof(EscalationRaised), nameof(EscalationChanged), nameof(EscalationBreached)));

        var escalationId = new Argument<string>("escalation-id");
        var by = new Option<string>("--by") { Description = "Who (default: the CLI's credential; only root may name another)" };
        var assignee = new Option<string>("--assignee") { Description = "Who resolves it", Required = true };
        var ack = new Command("ack", "Acknowledge an escalation and assign it") { escalationId, by, assignee };
        ack.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Escalations.AcknowledgeEscalation(new EscalationAcknowledgement(parse.GetValue(escalationId)!, (parse.GetValue(by) ?? ""), parse.GetValue(assignee)!)),
                e => $"{e.EscalationId} {e.Status}, assigned to {e.Assignee}")));
        escalations.Subcommands.Add(ack);

        var resolution = new Option<string>("--resolution") { Description = "How it was resolved", Required = true };
        var resolve = new Command("resolve", "Resolve a stakeholder request or an incident") { escalationId, by, resolution };
        resolve.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Escalations.ResolveEscalation(new EscalationResolution(parse.GetValue(escalationId)!, (parse.GetValue(by) ?? ""), parse.GetValue(resolution)!)),
                e => $"{e.EscalationId} {e.Status}")));
        escalations.Subcommands.Add(resolve);

        var stakeholder = new Option<string>("--stakeholder") { Description = "Who asks (default: the CLI's credential; only root may name another)" };
        var summary = new Option<string>("--summary") { Description = "What is asked", Required = true };
        var request = new Command("request", "Raise a stakeholder request (24 h SLA)") { stakeholder, summary };
        request.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Escalations.RaiseStakeholderRequest(new StakeholderRequest($"request-{Guid.NewGuid():N}", (parse.GetValue(stakeholder) ?? ""), parse.GetValue(summary)!)),
                e => $"raised {e.EscalationId}: respond by {e.DueAt:u}")));
        escalations.Subcommands.Add(request);

        var check = new Command("check", "Check SLAs now (the Producer also does it on a reminder)");
        check.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Escalations.CheckEscalationSlas(), rows => rows.Count == 0 ? "no SLA breached" : string.Join(Environment.NewLine, rows.Select(e => $"{e.EscalationId} breached: now level {e.Level}")))));
        escalations.Subcommands.Add(check);
        return escalations;
    }

    public static Command Okrs()
    {
        var okrs = new Command("okrs", "Objectives and key results");
        var list = new Command("list", "Every objective with its key results");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Portfolio.GetObjectives(), rows => CliContext.Table(
                rows.SelectMany(o => o.KeyResults.Select(k => (o, k))),
                ("QUARTER", x => x.o.Quarter), ("OBJECTIVE", x => $"{x.o.ObjectiveId} {x.o.Title}"), ("SCORE", x => x.o.Score.ToString("0%", Invariant)),
                ("KEY RESULT", x => x.k.Description), ("BASELINE", x => x.k.Baseline), ("TARGET", x => x.k.Target), ("CURRENT", x => x.k.Current),
                ("PROGRESS", x => x.k.Progress.ToString("0%", Invariant))))));
        okrs.Subcommands.Add(list);
        return okrs;
    }

    public static Command Metrics()
    {
        var metrics = new Command("metrics", "The seed's metrics against their targets, with their trend");
        metrics.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Portfolio.GetMetrics(), report => CliContext.Table(report.Metrics,
                ("TABLE", m => m.Table), ("METRIC", m => m.Name), ("VALUE", m => Display.Metric(m.Value, m.Unit)),
                ("TARGET", m => m.Target), ("STANDING", m => Display.Standing(m.Standing)), ("TREND", m => Display.Words(m.Trend)), ("SOURCE", m => Display.Words(m.Source))))));

        var metric = new Option<string>("--metric") { Description = "revenue-impact, user-growth, stakeholder-satisfaction, meeting-efficiency or customer-satisfaction", Required = true };
        var value = new Option<double>("--value") { Description = "The value", Required = true };
        var source = new Option<string>("--source") { Description = "Where it comes from", Required = true };
        var sample = new Command("sample", "Report a value for a metric measured outside the studio") { metric, value, source };
        sample.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            await studio.Portfolio.ReportMetricSample(new MetricSample($"sample-{Guid.NewGuid():N}", parse.GetValue(metric)!, parse.GetValue(value), parse.GetValue(source)!));
            Console.WriteLine("recorded");
        }));
        metrics.Subcommands.Add(sample);
        return metrics;
    }
}
