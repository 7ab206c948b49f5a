using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Handoffs;
using Orleans.Concurrency;

namespace Orchestration.Grains.Handoffs;

/// <summary>A settled handoff (key <c>{studio}/{handoffId}</c>), once it leaves the Producer's index.</summary>
[Alias("orch.IHandoffRecordGrain")]
public interface IHandoffRecordGrain : IGrainWithStringKey
{
    [Alias("Keep")]
    Task Keep(HandoffRecord record);

    [ReadOnly, Alias("Get")]
    Task<HandoffRecord?> Get();
}

public sealed class HandoffRecordGrain(
    [PersistentState(RecordGrains.StateName, RecordGrains.Storage)] IPersistentState<RecordState<HandoffRecord>> state) : RecordGrain<HandoffRecord>(state), IHandoffRecordGrain
{
    protected override bool IsFinal(HandoffRecord record) => record.Status != HandoffStatus.Offered;
}
