using Orleans.Concurrency;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Escalations;

/// <summary>
/// The studio's escalation desk (key: studio id): the seed's Escalation Handling. Blockers and conflicts raise their
/// escalations themselves; stakeholders raise requests here; each escalation runs against its class's SLA.
/// </summary>
[ScopedBy(StudioScope.Studio)]
[Alias("orch.IEscalationsGrain")]
public interface IEscalationsGrain : IGrainWithStringKey
{
    [CallableBy(Callers.Operators | Callers.Stakeholders)]
    [ActsAs("request.Stakeholder")]
    [Alias("RaiseStakeholderRequest")]
    Task<Escalation> RaiseStakeholderRequest(StakeholderRequest request);

    [CallableBy(Callers.Operators)]
    [ActsAs("request.By")]
    [Alias("AcknowledgeEscalation")]
    Task<Escalation> AcknowledgeEscalation(EscalationAcknowledgement request);

    [CallableBy(Callers.Operators)]
    [ActsAs("request.By")]
    [Alias("ResolveEscalation")]
    Task<Escalation> ResolveEscalation(EscalationResolution request);

    /// <summary>Records a breach for every escalation past its SLA and re-escalates it; a reminder runs it.</summary>
    [CallableBy(Callers.Operators)]
    [Alias("CheckEscalationSlas")]
    Task<IReadOnlyList<Escalation>> CheckEscalationSlas();

    /// <summary>Open escalations and the most recently resolved, newest first.</summary>
    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetEscalations")]
    Task<IReadOnlyList<Escalation>> GetEscalations();
}
