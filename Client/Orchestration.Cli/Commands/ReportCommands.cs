using System.CommandLine;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Reports;

namespace Orchestration.Cli.Commands;

internal static class ReportCommands
{
    public static Command Create()
    {
        var reports = new Command("reports", "Blockers and risks");

        var list = new Command("list", "Open blockers and risks, most severe first");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.GetOpenReportsAsync(), rows => CliContext.Table(rows,
                ("ID", r => r.ReportId), ("KIND", r => r.Kind), ("SEVERITY", r => r.Severity), ("AGENT", r => r.AgentId),
                ("PROJECT", r => r.ProjectId), ("OWNER", r => r.Owner), ("SINCE", r => r.ReportedAt.ToString("u")), ("SUMMARY", r => r.Summary)))));
        reports.Subcommands.Add(list);

        var id = new Option<string>("--id") { Description = "Report id (the idempotency key; generated when omitted)" };
        var agent = new Option<string>("--agent") { Description = "Reporting agent id (default: the CLI's credential's agent)" };
        var project = new Option<string>("--project") { Description = "Project id", Required = true };
        var summary = new Option<string>("--summary") { Description = "What is wrong", Required = true };
        var impact = new Option<string>("--impact") { Description = "Impact assessment", Required = true };
        var severity = new Option<Severity>("--severity") { Description = "Low, Medium, High or Critical", DefaultValueFactory = _ => Severity.Medium };
        var owner = new Option<string>("--owner") { Description = "Who clears it", Required = true };

        var blocks = new Option<string>("--blocks") { Description = "What it blocks", Required = true };
        var blocker = new Command("blocker", "Report a blocker") { id, agent, project, summary, blocks, impact, severity, owner };
        blocker.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            PrintReceipt(parse, await studio.ReportBlockerAsync(new BlockerReport(
                IdOrNew(parse.GetValue(id)), (parse.GetValue(agent) ?? ""), parse.GetValue(project)!, parse.GetValue(summary)!,
                parse.GetValue(blocks)!, parse.GetValue(impact)!, parse.GetValue(severity), parse.GetValue(owner)!)))));
        reports.Subcommands.Add(blocker);

        var likelihood = new Option<double>("--likelihood") { Description = "Probability from 0 to 1", DefaultValueFactory = _ => 0.5 };
        var mitigation = new Option<string>("--mitigation") { Description = "Planned mitigation" };
        var risk = new Command("risk", "Report a risk") { id, agent, project, summary, impact, severity, owner, likelihood, mitigation };
        risk.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            PrintReceipt(parse, await studio.ReportRiskAsync(new RiskReport(
                IdOrNew(parse.GetValue(id)), (parse.GetValue(agent) ?? ""), parse.GetValue(project)!, parse.GetValue(summary)!,
                parse.GetValue(impact)!, parse.GetValue(severity), parse.GetValue(owner)!, parse.GetValue(likelihood), parse.GetValue(mitigation) ?? "")))));
        reports.Subcommands.Add(risk);

        var reportId = new Argument<string>("report-id") { Description = "Report id" };
        var by = new Option<string>("--by") { Description = "Who resolved it (default: the CLI's credential; only root may name another)" };
        var resolution = new Option<string>("--resolution") { Description = "How it was resolved", Required = true };
        var resolve = new Command("resolve", "Resolve an open blocker or risk") { reportId, by, resolution };
        resolve.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.ResolveReportAsync(parse.GetValue(reportId)!, (parse.GetValue(by) ?? ""), parse.GetValue(resolution)!),
                r => $"resolved: {r.ReportId} by {r.Resolution!.ResolvedBy} at {r.Resolution.ResolvedAt:u}")));
        reports.Subcommands.Add(resolve);

        return reports;
    }

    /// <summary>The report id: given, or made once here and told on stderr before the call, so a retry after a
    /// timeout can send the same id (and be recognised) rather than report the blocker twice.</summary>
    private static string IdOrNew(string? id)
    {
        if (!string.IsNullOrEmpty(id)) return id;
        var made = $"rpt-{Guid.NewGuid():N}";
        Console.Error.WriteLine($"report id {made} (to retry this report safely, pass --id {made})");
        return made;
    }

    private static void PrintReceipt(ParseResult parse, ReportReceipt receipt) =>
        CliContext.Print(parse, receipt, r => $"{(r.WasDuplicate ? "already recorded" : "recorded")}: {r.Kind} {r.ReportId} at {r.AcknowledgedAt:u}");
}
