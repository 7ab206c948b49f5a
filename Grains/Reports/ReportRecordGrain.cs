using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Reports;
using Orleans.Concurrency;

namespace Orchestration.Grains.Reports;

/// <summary>A resolved blocker or risk (key <c>{studio}/{reportId}</c>), once it leaves the Producer's open index.</summary>
[Alias("orch.IReportRecordGrain")]
public interface IReportRecordGrain : IGrainWithStringKey
{
    [Alias("Keep")]
    Task Keep(ReportRecord record);

    [ReadOnly, Alias("Get")]
    Task<ReportRecord?> Get();
}

public sealed class ReportRecordGrain(
    [PersistentState(RecordGrains.StateName, RecordGrains.Storage)] IPersistentState<RecordState<ReportRecord>> state) : RecordGrain<ReportRecord>(state), IReportRecordGrain
{
    protected override bool IsFinal(ReportRecord record) => !record.IsOpen;
}
