using Orchestration.Grains.Interfaces.Handoffs;

namespace Orchestration.Grains.Interfaces.Agents.ExperimentTracker;

/// <summary>
/// A concluded experiment's winner and where it is in being handed on: offered, accepted (it has a taker), or rejected
/// (it stays with the Tracker, which can offer it to another agent). <see cref="Offers"/> counts the offers made.
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.WinnerHandoff")]
public sealed record WinnerHandoff(
    string ExperimentId,
    string Winner,
    string ImplementationSpec,
    int Priority,
    string HandoffId,
    string ToAgentId,
    HandoffStatus Status,
    int Offers,
    string? Reason = null);
