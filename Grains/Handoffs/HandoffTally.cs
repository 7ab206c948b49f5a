namespace Orchestration.Grains.Handoffs;

/// <summary>How the studio's settled handoffs ended, counted for its whole life (the handoff-success metric).</summary>
[GenerateSerializer, Immutable, Alias("orch.HandoffTally")]
public sealed record HandoffTally(long Accepted = 0, long Rejected = 0)
{
    public long Settled => Accepted + Rejected;

    public HandoffTally Add(bool accepted) => accepted ? this with { Accepted = Accepted + 1 } : this with { Rejected = Rejected + 1 };
}
