using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Tests.Cluster.Infrastructure;
using Orchestration.Tests.Cluster.TestAgents;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>A kind that exists only in the tests joins, is listed, applies strategy and reads its inbox, with the
/// Producer as shipped.</summary>
[Collection(ClusterCollection.Name)]
public class NewAgentKindTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_new_kind_takes_part_like_the_built_in_ones()
    {
        var studio = fixture.NewStudio();
        var reviewerId = Ids.New("qa");

        var joined = await studio.StartHostedAgentAsync(QaReviewerGrain.Kind, reviewerId, "QA reviewer", 2);
        Assert.Equal((QaReviewerGrain.Kind, studio.StudioId), (joined.Kind, joined.StudioId));
        Assert.Equal((QaReviewerGrain.Kind, AgentHosting.Hosted), (await studio.GetAgentsAsync()).Select(a => (a.Kind, a.Hosting)).Single());

        var reviewer = studio.HostedAgent<IQaReviewerGrain>(reviewerId);
        await studio.PublishStrategyAsync(Samples.Strategy(1, "quality", "growth"));
        Assert.Equal("quality", await Eventually.Until(reviewer.GetFocus, focus => focus is not null, "the reviewer's focus"));

        await studio.ReportBlockerAsync(Samples.Blocker(reviewerId));
        Assert.Equal(1, await Eventually.Until(reviewer.GetAcknowledgements, n => n > 0, "the reviewer's acknowledgement"));
    }
}
