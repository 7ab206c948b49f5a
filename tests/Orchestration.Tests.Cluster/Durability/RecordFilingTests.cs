using Orchestration.Grains.Common;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>A record grain on Azure Blob storage (Azurite): a first filing creates the blob without reading it first; a
/// filing of a record that is already there — a repeated delivery after a crash, a conflict closed again after an
/// override — finds it and keeps the latest, from any activation.</summary>
[Collection(DurableClusterCollection.Name)]
public class RecordFilingTests(DurableClusterFixture fixture)
{
    [Fact]
    public async Task A_record_filed_again_from_a_fresh_activation_keeps_the_latest_and_a_repeat_changes_nothing()
    {
        var key = RecordKeys.Key(Ids.New("studio"), "filed-1");
        var record = fixture.Client.GetGrain<IRecordGrain<string>>(key);

        await record.Keep("first");                                  // created, never read
        await fixture.Cluster.DeactivateAsync(record);
        await record.Keep("first");                                  // a repeated delivery: already there, nothing to write
        Assert.Equal("first", await record.Get());

        await fixture.Cluster.DeactivateAsync(record);
        await record.Keep("second");                                 // filed again: found, and replaced
        await fixture.Cluster.DeactivateAsync(record);
        Assert.Equal("second", await record.Get());

        var never = fixture.Client.GetGrain<IRecordGrain<string>>(RecordKeys.Key(Ids.New("studio"), "never-filed"));
        Assert.Null(await never.Get());
    }
}
