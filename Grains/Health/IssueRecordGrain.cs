using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orleans.Concurrency;

namespace Orchestration.Grains.Health;

/// <summary>An issue an agent cleared itself (key <c>{studio}/issue:{issueId}</c>): what makes a retry of its log,
/// however late, a duplicate.</summary>
[Alias("orch.IIssueRecordGrain")]
public interface IIssueRecordGrain : IGrainWithStringKey
{
    [Alias("Keep")]
    Task Keep(ResolvedIssue record);

    [ReadOnly, Alias("Get")]
    Task<ResolvedIssue?> Get();
}

public sealed class IssueRecordGrain(
    [PersistentState(RecordGrains.StateName, RecordGrains.Storage)] IPersistentState<RecordState<ResolvedIssue>> state) : RecordGrain<ResolvedIssue>(state), IIssueRecordGrain
{
    protected override bool IsFinal(ResolvedIssue record) => true;
}
