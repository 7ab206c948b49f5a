using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Orchestration.Gateway.Identity;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Strategy;
using static Orchestration.Gateway.Http.RequestRules;

namespace Orchestration.Gateway.Http;

/// <summary>The studio as a whole: who is calling, its overview, its strategy, and its journal.</summary>
internal static class StudioEndpoints
{
    public static void Map(RouteGroupBuilder studio)
    {
        studio.MapGet("/", (Caller caller, IGrainFactory grains) => grains.GetGrain<IProducerGrain>(caller.StudioId).GetOverview())
            .WithTags("Studio").WithSummary("The studio at a glance: agents, open reports, the strategy in force, conflicts, decisions");
        studio.MapGet("/me", (Caller caller) => new CallerInfo(caller.StudioId, caller.Subject, caller.Role, caller.CredentialId))
            .WithTags("Studio").WithSummary("Who this credential is: everything it does is recorded under its subject");

        var strategy = studio.MapGroup("/strategy").WithTags("Strategy");
        strategy.MapGet("/", async Task<StudioStrategy> (Caller caller, IGrainFactory grains) =>
                await grains.GetGrain<IProducerGrain>(caller.StudioId).GetStrategy() ?? throw NotFound.Of("strategy", $"studio '{caller.StudioId}' has published no strategy yet"))
            .WithSummary("The strategy in force");
        strategy.MapPost("/", (Caller caller, IGrainFactory grains, StrategyChange change, [FromHeader(Name = "Idempotency-Key")] string? key) =>
            grains.GetGrain<IProducerGrain>(caller.StudioId).PublishStrategy(Required(change) with
            {
                MessageId = IdOrKey(change.MessageId, key)!,
                IssuedBy = caller.ActAs(change.IssuedBy, "issuedBy"),
            }))
            .RequireAuthorization(GatewayPolicies.Operator)
            .WithSummary("Publish the next strategy version in the caller's name; every agent receives it");

        studio.MapGet("/journal", (Caller caller, IGrainFactory grains, long? after, int? limit, [FromQuery(Name = "kind")] string[]? kinds) =>
                grains.GetGrain<IStudioJournalGrain>(caller.StudioId).Read(new JournalQuery(after ?? 0, limit ?? 100, kinds)))
            .WithTags("Studio").WithSummary("The studio's history, oldest first, a page at a time (pass next as after)");
    }
}

/// <summary>The authenticated caller.</summary>
public sealed record CallerInfo(string StudioId, string Subject, CredentialRole Role, string CredentialId);
