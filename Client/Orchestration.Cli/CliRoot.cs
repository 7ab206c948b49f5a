using System.CommandLine;
using Orchestration.Cli.Commands;

namespace Orchestration.Cli;

/// <summary>Every command of the CLI and the options they share: what the program runs, and what the docs' examples
/// are parsed against (DocumentedCommandTests).</summary>
internal static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Orchestration: operate a Studio Producer cluster")
        {
            CliContext.Studio,
            CliContext.Gateway,
            CliContext.Json,
            CliContext.Timeout,
            CliContext.Verbose,
        };
        foreach (var option in CliConnection.Options) root.Options.Add(option);
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(AgentCommands.Create());
        root.Subcommands.Add(ReportCommands.Create());
        root.Subcommands.Add(StrategyCommands.Create());
        root.Subcommands.Add(DecisionCommands.Work());
        root.Subcommands.Add(DecisionCommands.Conflicts());
        root.Subcommands.Add(DecisionCommands.Decisions());
        root.Subcommands.Add(DecisionCommands.Handoffs());
        root.Subcommands.Add(PortfolioCommands.Projects());
        root.Subcommands.Add(PortfolioCommands.Escalations());
        root.Subcommands.Add(PortfolioCommands.Okrs());
        root.Subcommands.Add(PortfolioCommands.Metrics());
        root.Subcommands.Add(PortfolioCommands.Report());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(WatchCommands.Inbox());
        root.Subcommands.Add(WatchCommands.Events());
        root.Subcommands.Add(JournalCommands.Journal());
        root.Subcommands.Add(CredentialCommands.Create());
        root.Subcommands.Add(KeyCommands.Create());
        root.Subcommands.Add(NotificationCommands.Create());
        return root;
    }
}
