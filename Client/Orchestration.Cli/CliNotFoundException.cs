namespace Orchestration.Cli;

/// <summary>What a command was asked about is not there (an unknown conflict, an agent the studio does not have):
/// exit 4, as the HTTP API answers 404.</summary>
internal sealed class CliNotFoundException(string message) : Exception(message);
