using System.CommandLine;

namespace Orchestration.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "The studio at a glance: agents, open blockers and risks, strategy in force");
        command.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.GetOverviewAsync(), o =>
                $"""
                studio     {o.StudioId}
                agents     {o.Agents}
                blockers   {o.OpenBlockers} open
                risks      {o.OpenRisks} open
                strategy   {(o.Strategy is { } s ? $"v{s.Version}: {string.Join(" > ", s.Priorities)}" : "none published")}
                events     {o.EventsPublished}
                """)));
        return command;
    }
}
