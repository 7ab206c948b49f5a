namespace Orchestration.Grains.Interfaces.Conflicts;

/// <summary>What an option costs, computed from the items' own data.</summary>
/// <param name="RevenueAtRisk">Revenue exposed: decided without (enough) evidence, or deferred.</param>
/// <param name="CommitmentsBroken">Customer commitments the option breaks.</param>
/// <param name="AccountsAffected">Customer accounts behind those commitments.</param>
/// <param name="ContractualCommitmentsBroken">Of those, the contractual ones.</param>
/// <param name="ScheduleSlipDays">Days a committed date moves.</param>
/// <param name="Confidence">Statistical power behind what ships, from 0 to 1 (0: no evidence).</param>
[GenerateSerializer, Immutable, Alias("orch.BusinessImpact")]
public sealed record BusinessImpact(
    decimal RevenueAtRisk,
    int CommitmentsBroken,
    int AccountsAffected,
    int ContractualCommitmentsBroken,
    int ScheduleSlipDays,
    double Confidence);
