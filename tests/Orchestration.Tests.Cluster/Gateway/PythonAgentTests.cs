using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Gateway;

/// <summary>samples/python-agent, run as a user runs it (python3, standard library only) against the gateway.</summary>
[Collection(GatewayCollection.Name)]
public class PythonAgentTests(GatewayFixture fixture)
{
    [Fact]
    public async Task The_python_sample_reports_a_blocker_follows_its_inbox_and_acknowledges_the_decision_it_is_part_of()
    {
        var studio = Ids.New("studio");
        var op = await fixture.Credential(studio, "olivia", CredentialRole.Operator);
        (await op.Post("strategy", new { messageId = "s-1", version = 1, priorities = new[] { "customer-commitments", "learning" }, constraints = Array.Empty<string>(), rationale = "Customers first" })).Ok();
        var python = await fixture.Credential(studio, Ids.New("py"), CredentialRole.Agent);
        var shipper = await fixture.Credential(studio, Ids.New("shipper"), CredentialRole.Agent);
        (await shipper.Post("agents", new { kind = AgentKinds.ProjectShipper, displayName = "Shipper", capacity = 3 })).Ok();

        var lines = new ConcurrentQueue<string>();
        using var process = Process.Start(new ProcessStartInfo("python3")
        {
            ArgumentList =
            {
                Repository.File("samples", "python-agent", "agent.py"), "--url", fixture.BaseAddress.ToString(), "--studio", studio,
                "--experiment", "exp-py", "--days", "21", "--today", fixture.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "--decisions", "1",
            },
            Environment = { ["ORCH_TOKEN"] = python.Token },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lines.Enqueue(e.Data);
            if (e.Data.StartsWith("received 1 ReportAcknowledged", StringComparison.Ordinal)) acknowledged.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Whichever comes first: the acknowledgement, or the agent exiting; a bound on a hang, not a wait.
            Task first;
            try
            {
                first = await Task.WhenAny(acknowledged.Task, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                first = Task.CompletedTask; // neither within 30 s: reported below with the agent's output
            }

            Assert.True(first == acknowledged.Task, "the agent did not receive its acknowledgement:\n" + string.Join("\n", lines));

            // A release that needs the Python tracker's experiment too early: the Producer decides, both agents hear.
            var declared = (await shipper.Post("work", new
            {
                item = new { itemId = "checkout-v2", kind = "release", projectId = "checkout", title = "One-page checkout",
                    start = fixture.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    end = fixture.Today.AddDays(15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    dependsOn = new[] { new { itemId = "exp-py", leadDays = 2 } }, commitments = new[] { new { customer = "Acme", accounts = 40, contractual = true } } },
                reason = "planned",
            })).Ok();
            var conflictId = Assert.Single(declared.Body.GetProperty("conflictsRaised").EnumerateArray()).GetString()!;

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(exit.Token);
            Assert.True(process.ExitCode == 0, string.Join("\n", lines));

            var output = lines.ToList();
            Assert.Equal($"authenticated {python.Subject} (agent) in {studio}", output[0]);
            Assert.Contains($"registered {python.Subject} external", output);
            Assert.Contains(output, l => l.StartsWith("reported blk-", StringComparison.Ordinal) && l.EndsWith("duplicate=False", StringComparison.Ordinal));
            Assert.Contains(output, l => l.StartsWith("received 2 DecisionIssued", StringComparison.Ordinal));
            Assert.Contains(output, l => l.StartsWith($"acknowledged {conflictId} ", StringComparison.Ordinal));

            // It applied what it acknowledged: its experiment has the dates its action item asked for.
            var decided = (await op.Get($"conflicts/{conflictId}")).Ok().Body.GetProperty("decision");
            var mine = decided.GetProperty("actionItems").EnumerateArray().Single(a => a.GetProperty("itemId").GetString() == "exp-py");
            var experiment = (await op.Get("work/exp-py")).Ok().Body;
            Assert.Contains(output, l => l.StartsWith($"applied {mine.GetProperty("actionItemId").GetString()} exp-py ", StringComparison.Ordinal));
            Assert.Equal(mine.GetProperty("newEnd").GetString(), experiment.GetProperty("end").GetString());

            var conflict = (await op.Get($"conflicts/{conflictId}")).Ok();
            Assert.True(conflict.Body.GetProperty("acknowledgements").TryGetProperty(python.Subject, out _), conflict.Body.ToString());
            var report = Assert.Single((await op.Get("reports")).Ok().Body.EnumerateArray());
            Assert.Equal(python.Subject, report.GetProperty("agentId").GetString());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
