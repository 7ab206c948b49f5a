using System.CommandLine;
using Orchestration.Cli;

// The operator CLI: each command connects to the cluster through the client library, does one thing, and exits
// with 0 (done), 1 (usage, or an unexpected error), 2 (refused: the message names the field and the reason), 3
// (cluster unreachable or no answer within --timeout), 4 (not found) or 130 (stopped by Ctrl+C, SIGINT or SIGTERM).
// Every error is one line; --verbose adds the exception.
var root = CliRoot.Create();

// Ctrl+C, SIGINT and SIGTERM: the CLI's own handling (exit 130 within a second), not System.CommandLine's 2-second one.
using var termination = new CliTermination();
var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, termination.Token);
return termination.Token.IsCancellationRequested ? CliTermination.ExitCode : code;
