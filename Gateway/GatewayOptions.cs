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

    /// <summary>Studios that take stakeholder requests by signed webhook (<c>POST /v1/inbound/{studio}/stakeholder-requests</c>),
    /// by studio id: the key the sender signs with and the credential the request is raised as.</summary>
    public Dictionary<string, InboundWebhook> Inbound { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One studio's inbound webhook. The sender signs each request as the studio signs its own webhooks
/// (<c>WebhookSignature</c>); the request is raised as <see cref="Credential"/>'s subject — a stakeholder credential
/// issued for the sending system — so who asked is the authenticated sender, never a name in the body.
/// </summary>
public sealed class InboundWebhook
{
    /// <summary>The shared signing key (at least 16 characters; from an environment variable or a secret store).</summary>
    public string Secret { get; set; } = "";

    /// <summary>A studio credential (role stakeholder or operator) the request is raised with.</summary>
    public string Credential { get; set; } = "";
}
