using Orleans.Concurrency;

namespace Orchestration.Grains.Interfaces.Escalations;

/// <summary>
/// The studio's escalation desk (key: studio id): the seed's Escalation Handling. Blockers and conflicts raise their
/// escalations themselves; stakeholders raise requests here; each escalation runs against its class's SLA.
/// </summary>
[Alias("orch.IEscalationsGrain")]
public interface IEscalationsGrain : IGrainWithStringKey
{
    [Alias("RaiseStakeholderRequest")]
    Task<Escalation> RaiseStakeholderRequest(StakeholderRequest request);

    [Alias("AcknowledgeEscalation")]
    Task<Escalation> AcknowledgeEscalation(EscalationAcknowledgement request);

    [Alias("ResolveEscalation")]
    Task<Escalation> ResolveEscalation(EscalationResolution request);

    /// <summary>Records a breach for every escalation past its SLA and re-escalates it; a reminder runs it.</summary>
    [Alias("CheckEscalationSlas")]
    Task<IReadOnlyList<Escalation>> CheckEscalationSlas();

    /// <summary>Open escalations and the most recently resolved, newest first.</summary>
    [ReadOnly, Alias("GetEscalations")]
    Task<IReadOnlyList<Escalation>> GetEscalations();
}
