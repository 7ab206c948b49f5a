using System.Net;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Notifications;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>
/// A silo on the Azure profile is killed (SIGKILL) while a message it owes cannot be delivered; a new silo takes the
/// cluster over, and the receiver, back by then, gets the message once: the outbox was in grain storage, and the
/// room's reminder woke it after the restart without any new event.
/// </summary>
public class NotificationRestartTests
{
    [Fact]
    public async Task A_message_owed_when_the_silo_dies_is_delivered_once_after_a_restart()
    {
        using var receiver = new WebhookReceiver();
        var path = "hooks/after-restart";
        var back = false;
        receiver.Rules[$"/{path}"] = _ => Volatile.Read(ref back) ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable;
        string[] settings = ["--Notifications:Secrets:hooks=a key shared with the receiver", "--Notifications:FirstRetryAfter=00:00:02",
            "--Notifications:LongestRetryWait=00:00:05", "--Notifications:MaxAttempts=100"];
        await using var azure = await AzureSiloCluster.StartAsync("notify", silos: 1, settings);
        var studio = new StudioClient(azure.Client, "studio");
        await studio.RegisterExternalAgentAsync("shipper", AgentKinds.ProjectShipper, "Shipper", 2);
        await studio.Notifications.SetSubscription(new Subscription("ops", "war-room", NotificationChannel.Webhook, [receiver.Url(path)], Alerts: [AlertKind.CriticalIncident], Secret: "hooks"));

        await studio.ReportBlockerAsync(Samples.Blocker("shipper", "blk-down") with { Severity = Grains.Interfaces.Common.Severity.Critical });
        var owed = await Eventually.Until(studio.Notifications.GetOverview, o => o.Pending.Any(m => m.Attempts >= 1), "a failed attempt, recorded");
        var key = owed.Pending.Single().Key;

        await azure.Silos[0].KillAsync();
        Volatile.Write(ref back, true);
        await using var successor = await SiloProcess.StartAsync(
            ["--Orchestration:Profile=Azure", $"--Orchestration:AzureStorage={Azurite.ConnectionString}", $"--Orchestration:ClusterId={azure.ClusterId}",
             $"--Orchestration:ServiceId={azure.ServiceId}", .. settings]);

        // Nothing new happens in the studio: the reminder (one minute) is what brings the room back.
        await Eventually.Until(() => Task.FromResult(receiver.Accepted(path).Count()), n => n > 0, "the delivery after the restart", TimeSpan.FromMinutes(3));
        var accepted = Assert.Single(receiver.Accepted(path));
        Assert.Equal(key, accepted.Headers[WebhookSignature.IdempotencyHeader]);
        Assert.All(receiver.Requests.Where(r => r.Path == $"/{path}"), r => Assert.Equal(key, r.Headers[WebhookSignature.IdempotencyHeader]));
    }
}
