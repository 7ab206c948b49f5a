using System.ComponentModel.DataAnnotations;

namespace Orchestration.Gateway;

/// <summary>The HTTP gateway's settings (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Requests one credential may make per second, sustained (a token bucket refilled every second).</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests one credential may make at once above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 400;
}
