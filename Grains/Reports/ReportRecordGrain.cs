using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Streams;
using Orleans.Concurrency;

namespace Orchestration.Grains.Reports;

/// <summary>
/// A resolved blocker or risk (key <c>{studio}/{reportId}</c>), kept for the studio's whole life once it leaves the
/// Producer's index of open reports. Filed by the Producer's outbox, which may file it more than once: keeping the
/// same record again changes nothing. It calls no other grain.
/// </summary>
[Alias("orch.IReportRecordGrain")]
public interface IReportRecordGrain : IGrainWithStringKey
{
    [Alias("Keep")]
    Task Keep(ReportRecord record);

    [ReadOnly, Alias("Get")]
    Task<ReportRecord?> Get();
}

[GenerateSerializer, Alias("orch.ReportRecordState")]
public sealed class ReportRecordState
{
    [Id(0)] public ReportRecord? Record { get; set; }
}

public sealed class ReportRecordGrain(
    [PersistentState("report", StudioStreams.Storage)] IPersistentState<ReportRecordState> state) : Grain, IReportRecordGrain
{
    public static string Key(string studioId, string reportId) => $"{studioId}/{reportId}";

    public async Task Keep(ReportRecord record)
    {
        if (!this.GetPrimaryKeyString().EndsWith("/" + record.ReportId, StringComparison.Ordinal))
            throw new InvalidOperationException($"report '{record.ReportId}' does not belong in {this.GetPrimaryKeyString()}");
        // A resolved report is final: a repeated filing, or a late open copy, changes nothing.
        if (state.State.Record is { IsOpen: false }) return;
        state.State.Record = record;
        await state.WriteStateAsync();
    }

    public Task<ReportRecord?> Get() => Task.FromResult(state.State.Record);
}
