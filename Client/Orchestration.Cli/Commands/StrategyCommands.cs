using System.CommandLine;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Cli.Commands;

internal static class StrategyCommands
{
    public static Command Create()
    {
        var strategy = new Command("strategy", "The studio's strategy: priorities and constraints every agent applies");

        var show = new Command("show", "The strategy in force");
        show.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.GetStrategyAsync(), s => s is null
                ? "no strategy published yet"
                : $"""
                  v{s.Version} by {s.IssuedBy} at {s.IssuedAt:u}
                  priorities   {string.Join(" > ", s.Priorities)}
                  constraints  {(s.Constraints.Count == 0 ? "none" : string.Join("; ", s.Constraints))}
                  rationale    {s.Rationale}
                  """)));
        strategy.Subcommands.Add(show);

        var version = new Option<int>("--version") { Description = "New version; must be greater than the current one", Required = true };
        var priorities = new Option<string[]>("--priority") { Description = "A priority, highest first (repeat the option)", Required = true, AllowMultipleArgumentsPerToken = true };
        var constraints = new Option<string[]>("--constraint") { Description = "A constraint (repeat the option)", AllowMultipleArgumentsPerToken = true };
        var rationale = new Option<string>("--rationale") { Description = "Why the strategy changes", Required = true };
        var by = new Option<string>("--by") { Description = "Who decided it (default: the CLI's credential; only root may name another)" };
        var messageId = new Option<string>("--message-id") { Description = "Idempotency key (generated when omitted)" };
        var publish = new Command("publish", "Publish a new strategy version to every agent") { version, priorities, constraints, rationale, by, messageId };
        publish.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.PublishStrategyAsync(new StrategyChange(
                    parse.GetValue(messageId) is { Length: > 0 } m ? m : $"strategy-{Guid.NewGuid():N}",
                    parse.GetValue(version), parse.GetValue(priorities) ?? [], parse.GetValue(constraints) ?? [],
                    parse.GetValue(rationale)!, (parse.GetValue(by) ?? ""))),
                s => $"published: v{s.Version} ({string.Join(" > ", s.Priorities)})")));
        strategy.Subcommands.Add(publish);

        return strategy;
    }
}
