using System.CommandLine;
using Orchestration.Cli;
using Orchestration.Cli.Commands;

// The operator CLI: each command connects to the cluster through the client library, does one thing, and exits
// with 0 (done), 1 (usage, or an unexpected error), 2 (refused: the message names the field and the reason), 3
// (cluster unreachable or no answer within --timeout), 4 (not found) or 130 (stopped by Ctrl+C, SIGINT or SIGTERM).
// Every error is one line; --verbose adds the exception.
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

// Ctrl+C, SIGINT and SIGTERM: the CLI's own handling (exit 130 within a second), not System.CommandLine's 2-second one.
using var termination = new CliTermination();
var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, termination.Token);
return termination.Token.IsCancellationRequested ? CliTermination.ExitCode : code;
