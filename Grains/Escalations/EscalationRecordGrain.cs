using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orleans.Concurrency;

namespace Orchestration.Grains.Escalations;

/// <summary>
/// A resolved escalation, once it leaves the Producer's index: under <c>{studio}/{escalationId}</c>, and a stakeholder
/// request's also under <c>{studio}/request:{requestId}</c>, which is what makes a retried request a duplicate.
/// </summary>
[Alias("orch.IEscalationRecordGrain")]
public interface IEscalationRecordGrain : IGrainWithStringKey
{
    [Alias("Keep")]
    Task Keep(Escalation record);

    [ReadOnly, Alias("Get")]
    Task<Escalation?> Get();
}

public sealed class EscalationRecordGrain(
    [PersistentState(RecordGrains.StateName, RecordGrains.Storage)] IPersistentState<RecordState<Escalation>> state) : RecordGrain<Escalation>(state), IEscalationRecordGrain
{
    public static string RequestKey(string studioId, string requestId) => RecordGrains.Key(studioId, $"request:{requestId}");

    protected override bool IsFinal(Escalation record) => record.Status == EscalationStatus.Resolved;

    /// <summary>The keys a resolved escalation is filed under.</summary>
    public static IEnumerable<string> KeysOf(string studioId, Escalation escalation)
    {
        yield return RecordGrains.Key(studioId, escalation.EscalationId);
        if (escalation.Class == EscalationClass.StakeholderRequest) yield return RequestKey(studioId, escalation.SourceId);
    }
}
