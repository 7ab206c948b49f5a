using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Notifications;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Gateway;

/// <summary>A stakeholder request from another system arrives by signed webhook and becomes an escalation with the
/// seed's 24-hour SLA, raised as the sender's credential; anything unsigned, tampered with or stale changes nothing.</summary>
[Collection(GatewayCollection.Name)]
public sealed class InboundWebhookTests(GatewayFixture fixture)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string studio, string body, string? secret = GatewayFixture.InboundSecret, DateTimeOffset? at = null)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/inbound/{studio}/stakeholder-requests") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        if (secret is not null) request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(Encoding.UTF8.GetBytes(secret), timestamp, body));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private Task<IReadOnlyList<Escalation>> Escalations() => fixture.Client.GetGrain<IEscalationsGrain>(fixture.InboundStudio).GetEscalations();

    [Fact]
    public async Task A_signed_request_becomes_a_stakeholder_escalation_once_raised_as_the_sender()
    {
        var id = Ids.New("crm-req");
        var body = JsonSerializer.Serialize(new { requestId = id, summary = "Revenue view of the checkout decision", from = "Dana at Acme" });

        var (status, escalation) = await Post(fixture.InboundStudio, body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("stakeholder-request", escalation.GetProperty("class").GetString());
        Assert.Equal("crm", escalation.GetProperty("raisedBy").GetString());
        Assert.Equal("Revenue view of the checkout decision (for Dana at Acme)", escalation.GetProperty("summary").GetString());
        Assert.Equal(TimeSpan.FromHours(24), escalation.GetProperty("dueAt").GetDateTimeOffset() - escalation.GetProperty("raisedAt").GetDateTimeOffset());
        var (again, repeated) = await Post(fixture.InboundStudio, body);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(escalation.GetProperty("escalationId").GetString(), repeated.GetProperty("escalationId").GetString());
        Assert.Single(await Escalations(), e => e.SourceId == id);
    }

    [Fact]
    public async Task An_unsigned_tampered_stale_or_misdirected_request_is_refused_and_changes_nothing()
    {
        var before = (await Escalations()).Count;
        var body = JsonSerializer.Serialize(new { requestId = Ids.New("crm-req"), summary = "Anything" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(fixture.InboundStudio, body, secret: null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(fixture.InboundStudio, body, secret: "a key the sender does not share")).Status);
        var stale = await Post(fixture.InboundStudio, body, at: DateTimeOffset.UtcNow.AddMinutes(-6));
        Assert.Equal((HttpStatusCode.Unauthorized, "signature"), (stale.Status, stale.Body.GetProperty("field").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await Post(Ids.New("studio"), body)).Status);
        var empty = await Post(fixture.InboundStudio, JsonSerializer.Serialize(new { requestId = Ids.New("crm-req"), summary = " " }));
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("request.summary", empty.Body.GetProperty("field").GetString());

        Assert.Equal(before, (await Escalations()).Count);
    }
}
