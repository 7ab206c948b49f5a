namespace Orchestration.Grains.Interfaces.Work;

/// <summary>A promise made to a customer about a release: who, how many accounts, and whether a contract says so.</summary>
[GenerateSerializer, Immutable, Alias("orch.CustomerCommitment")]
public sealed record CustomerCommitment(string Customer, int Accounts, bool Contractual);
