using Orleans.Runtime.Messaging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Orchestration.ServiceDefaults;

/// <summary>
/// How a client calls the studio so that a silo's loss is a pause of seconds, not a failure: each attempt may take
/// <see cref="AttemptTimeout"/> (a call stranded on a dead silo would otherwise wait out Orleans' 30 s response
/// timeout), and a transient failure is retried with backoff — the same request, with the same id, which every
/// command of the contract applies once. A refusal (<c>InvalidRequestException</c>) is an answer, never retried.
/// </summary>
public static class OrchestrationResilience
{
    /// <summary>The pipeline's name where it is registered with Microsoft.Extensions.Resilience (its telemetry names it).</summary>
    public const string PipelineName = "orchestration-calls";

    /// <summary>One attempt's bound. Report and query calls take milliseconds; a loaded Azurite, a second or two.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Retries after the first attempt: with the backoff, about 40 s in all — longer than the cluster takes
    /// to declare a silo dead and move its grains.</summary>
    public const int MaxRetries = 8;

    /// <summary>The pipeline, built once, for clients that do not register it (StudioClient's default).</summary>
    public static ResiliencePipeline Calls { get; } = Configure(new ResiliencePipelineBuilder()).Build();

    public static ResiliencePipelineBuilder Configure(ResiliencePipelineBuilder builder) => builder
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(2),
        })
        .AddTimeout(AttemptTimeout);

    /// <summary>Failures that say nothing about the request, only about the path to the grain: worth another try.</summary>
    public static bool IsTransient(Exception e) =>
        e is TimeoutRejectedException or TimeoutException or OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException;
}
