using System.Collections.Concurrent;
using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.WebConsole;

/// <summary>
/// The web console in a real browser (headless Chromium), against a two-silo cluster, checked as a person would: they
/// sign in with the credential an operator issued, see the studio, watch events arrive without a reload, decide a
/// held decision in the page (recorded under their name, and both agents told), see a refusal next to the field, and
/// read it all on a phone. An accessibility scan (axe-core) finds no serious violation on any page.
/// </summary>
[Collection(GatewayCollection.Name)]
public class ConsoleBrowserTests(GatewayFixture fixture, Browser browser) : IClassFixture<Browser>
{
    private Browser Browser => browser;

    private sealed record Studio(StudioClient Root, string TrackerId, string ShipperId);

    /// <summary>A studio with a tracker and a shipper, a strategy that holds conflicts for a human, and one held.</summary>
    private async Task<(Studio Studio, string ConflictId)> StudioWithAHeldDecision()
    {
        var root = fixture.NewStudio();
        var (tracker, shipper) = (Ids.New("tracker"), Ids.New("shipper"));
        await root.Producer.RegisterAgent(new AgentRegistration(tracker, AgentKinds.ExperimentTracker, "Experiment Tracker", 4, AgentHosting.External));
        await root.Producer.RegisterAgent(new AgentRegistration(shipper, AgentKinds.ProjectShipper, "Project Shipper", 3, AgentHosting.External));
        await root.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments", "learning"], ["human-approval"], "Customers first; a human decides conflicts", "ceo"));
        WorkItem Experiment(int days) => new("exp-cta", WorkItemKind.Experiment, tracker, "checkout", "Green CTA", fixture.Today, fixture.Today.AddDays(days), [], 200_000m, 10_000);
        await root.WorkGraph.DeclareWorkItem(Experiment(21), "planned");
        await root.WorkGraph.DeclareWorkItem(new WorkItem("checkout-v2", WorkItemKind.Release, shipper, "checkout", "One-page checkout", fixture.Today, fixture.Today.AddDays(30),
            [new Dependency("exp-cta", 2)], Commitments: [new CustomerCommitment("Acme", 40, Contractual: true)]), "planned");
        var conflictId = (await root.WorkGraph.DeclareWorkItem(Experiment(42), "needs three more weeks")).ConflictsRaised.Single();
        return (new Studio(root, tracker, shipper), conflictId);
    }

    private async Task<IPage> SignedIn(Studio studio, string subject, CredentialRole role, int width = 1280, int height = 900)
    {
        var issued = await studio.Root.Credentials.Issue(new CredentialRequest(subject, role));
        var page = await Browser.NewPageAsync(fixture.BaseAddress, width, height);
        await page.GotoAsync("/");
        Assert.EndsWith("/sign-in", page.Url, StringComparison.Ordinal); // nobody is signed in by default off a dev machine
        await page.GetByLabel("Credential").FillAsync(issued.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"**/studios/{studio.Root.StudioId}");
        return page;
    }

    private static async Task NoSeriousAccessibilityViolation(IPage page)
    {
        var scan = await page.RunAxe();
        var serious = scan.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    [Fact]
    public async Task An_operator_sees_the_studio_and_a_blocker_reported_through_the_client_arrives_without_a_reload()
    {
        var (studio, _) = await StudioWithAHeldDecision();
        var page = await SignedIn(studio, "olivia", CredentialRole.Operator);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agents and their load" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Experiment Tracker", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Customers first; a human decides conflicts", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".tiles")).ToContainTextAsync("1 held decisions");
        await NoSeriousAccessibilityViolation(page);

        await studio.Root.ReportBlockerAsync(Samples.Blocker(studio.TrackerId, "blk-live") with { Summary = "Traffic too low for the CTA test" });
        await Assertions.Expect(page.Locator("#live li.new").Filter(new() { HasText = "ReportRaised" }).Filter(new() { HasText = "Traffic too low for the CTA test" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "console-studio");
    }

    [Fact]
    public async Task An_approver_approves_a_held_decision_in_the_page_under_their_own_name_and_both_agents_are_told()
    {
        var (studio, conflictId) = await StudioWithAHeldDecision();
        var told = new ConcurrentBag<string>();
        await using var tracker = await studio.Root.WatchInboxAsync(studio.TrackerId, m => { if (m is DecisionIssued) told.Add(studio.TrackerId); return Task.CompletedTask; });
        await using var shipper = await studio.Root.WatchInboxAsync(studio.ShipperId, m => { if (m is DecisionIssued) told.Add(studio.ShipperId); return Task.CompletedTask; });
        var page = await SignedIn(studio, "alice", CredentialRole.Approver);
        await page.GetByRole(AriaRole.Link, new() { Name = "Conflicts and decisions" }).ClickAsync();
        var held = page.Locator($"article#{conflictId}");
        await Assertions.Expect(held.GetByRole(AriaRole.Table)).ToContainTextAsync("(recommended)");
        await NoSeriousAccessibilityViolation(page);
        await Screenshots.TakeAsync(page, "console-decisions");

        // A decision without a reason is refused by the studio: the page shows the field and the reason beside the form.
        await held.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.Locator($"article#{conflictId} .refused")).ToContainTextAsync("request.why");
        Assert.Equal(ConflictStatus.PendingDecision, (await studio.Root.WorkGraph.GetConflict(conflictId))!.Status);

        await page.Locator($"article#{conflictId}").GetByLabel("Why").FillAsync("Keep the Acme date; the shorter test is enough");
        await page.Locator($"article#{conflictId}").GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{conflictId} approved");
        var decided = (await studio.Root.WorkGraph.GetConflict(conflictId))!;
        Assert.Equal((ConflictStatus.Decided, "alice"), (decided.Status, decided.Decision!.DecidedBy));
        await Assertions.Expect(page.Locator("article.decision").First).ToContainTextAsync("by alice");
        await Eventually.Until(() => Task.FromResult(told.Distinct().Order(StringComparer.Ordinal).ToList()),
            agents => agents.SequenceEqual(new[] { studio.ShipperId, studio.TrackerId }.Order(StringComparer.Ordinal)), "both agents to be told");
    }

    [Fact]
    public async Task A_stakeholder_sees_no_approve_button_and_the_api_refuses_them_anyway()
    {
        var (studio, conflictId) = await StudioWithAHeldDecision();
        var issued = await studio.Root.Credentials.Issue(new CredentialRequest("sam", CredentialRole.Stakeholder));
        var page = await Browser.NewPageAsync(fixture.BaseAddress);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Credential").FillAsync(issued.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync($"/studios/{studio.Root.StudioId}/decisions");
        await Assertions.Expect(page.Locator($"article#{conflictId}")).ToContainTextAsync("An approver decides this one.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);

        var option = (await studio.Root.WorkGraph.GetConflict(conflictId))!.RecommendedOptionId;
        using var api = new HttpAgent(fixture.BaseAddress, studio.Root.StudioId, issued);
        (await api.Post($"conflicts/{conflictId}/approve", new { optionId = option, why = "I want it" })).Refused(HttpStatusCode.Forbidden, "role");
        // Nor can a page elsewhere make their browser post the console's form.
        var forged = await page.APIRequest.PostAsync($"/studios/{studio.Root.StudioId}/conflicts/{conflictId}/approve", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = "http://evil.example" },
            Form = page.APIRequest.CreateFormData().Set("optionId", option!).Set("why", "forged"),
        });
        Assert.Equal(403, forged.Status);
        Assert.Equal(ConflictStatus.PendingDecision, (await studio.Root.WorkGraph.GetConflict(conflictId))!.Status);

        // An agent has no console, and a wrong credential gets the sign-in page back with the reason.
        var agent = await studio.Root.Credentials.Issue(new CredentialRequest(studio.TrackerId, CredentialRole.Agent));
        var stranger = await Browser.NewPageAsync(fixture.BaseAddress);
        await stranger.GotoAsync("/sign-in");
        await stranger.GetByLabel("Credential").FillAsync(agent.Token);
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Alert)).ToContainTextAsync("not a person's");
        await stranger.GotoAsync($"/studios/{studio.Root.StudioId}");
        Assert.EndsWith("/sign-in", stranger.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portfolio_shows_each_project_week_by_week_and_the_metrics_in_words_people_read()
    {
        var (studio, _) = await StudioWithAHeldDecision();
        var portfolio = studio.Root.Portfolio;
        await portfolio.DeclareProject(new ProjectDeclaration("checkout", "One-page checkout", [studio.ShipperId], [new Milestone("Launch", fixture.Today.AddDays(30))]));
        await portfolio.DeclareProject(new ProjectDeclaration("onboarding", "Onboarding v3", [studio.TrackerId], []));
        await portfolio.ReportProjectStatus(new StatusReport(Ids.New("s"), "checkout", studio.ShipperId, ProjectStatus.Yellow, "Acme date at risk"));
        await portfolio.RunHealthReview();
        var page = await SignedIn(studio, "sam", CredentialRole.Stakeholder);

        await page.GetByRole(AriaRole.Link, new() { Name = "Portfolio" }).ClickAsync();
        var checkout = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "One-page checkout" });
        await Assertions.Expect(checkout).ToContainTextAsync("yellow");
        await Assertions.Expect(checkout.Locator(".weeks li.yellow").First).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("yellow — .*Acme date at risk"));
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Onboarding v3" })).ToBeVisibleAsync();
        await NoSeriousAccessibilityViolation(page);
        await Screenshots.TakeAsync(page, "console-portfolio");

        await page.GetByRole(AriaRole.Link, new() { Name = "Metrics" }).ClickAsync();
        var onTrack = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Projects On Track" });
        await Assertions.Expect(onTrack).ToContainTextAsync(" %");
        await Assertions.Expect(onTrack).Not.ToContainTextAsync("OffTarget");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("NoData");
        await NoSeriousAccessibilityViolation(page);
        await Screenshots.TakeAsync(page, "console-metrics");
    }

    [Fact]
    public async Task An_operator_acknowledges_and_resolves_an_escalation_and_the_reports_print_and_download()
    {
        var (studio, _) = await StudioWithAHeldDecision();
        await studio.Root.ReportBlockerAsync(Samples.Blocker(studio.TrackerId, "blk-esc") with { Summary = "Device lab booked out" });
        var page = await SignedIn(studio, "olivia", CredentialRole.Operator);
        await page.GetByRole(AriaRole.Link, new() { Name = "Escalations" }).ClickAsync();
        var blocker = page.Locator("article").Filter(new() { HasText = "Device lab booked out" });
        await Assertions.Expect(blocker).ToContainTextAsync("agent blocker");
        await NoSeriousAccessibilityViolation(page);
        await Screenshots.TakeAsync(page, "console-escalations");

        await blocker.GetByLabel("Assign to").FillAsync("olivia");
        await blocker.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("acknowledged");
        var escalation = (await studio.Root.Escalations.GetEscalations()).Single(e => e.Summary.Contains("Device lab", StringComparison.Ordinal));
        Assert.Equal(("olivia", "olivia"), (escalation.AcknowledgedBy, escalation.Assignee));

        // A blocker's escalation resolves with its report. It needs a resolution: the refusal is shown beside the
        // form, then it goes through, recorded under the operator's name.
        blocker = page.Locator($"article#{escalation.EscalationId}");
        await blocker.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Assertions.Expect(page.Locator($"article#{escalation.EscalationId} .refused")).ToContainTextAsync("resolution");
        await page.Locator($"article#{escalation.EscalationId}").GetByLabel("Resolve blocker blk-esc").FillAsync("Lab moved to Thursday");
        await page.Locator($"article#{escalation.EscalationId}").GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("resolved");
        var report = (await studio.Root.Producer.GetReport("blk-esc"))!;
        Assert.Equal(("olivia", "Lab moved to Thursday"), (report.Resolution!.ResolvedBy, report.Resolution.Resolution));

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1. Agent status round-robin (10 min)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1. Progress against OKRs (15 min)" })).ToBeVisibleAsync();
        await NoSeriousAccessibilityViolation(page);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("header.bar")).ToBeHiddenAsync(); // the print stylesheet leaves the report alone
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1. Agent status round-robin (10 min)" })).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "weekly agent sync" }).ClickAsync());
        var markdown = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith($"# Weekly Agent Sync — {studio.Root.StudioId}", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_phone_sized_screen_nothing_scrolls_sideways()
    {
        var (studio, _) = await StudioWithAHeldDecision();
        var page = await SignedIn(studio, "olivia", CredentialRole.Operator, 390, 844);
        foreach (var path in new[] { "", "/portfolio", "/metrics", "/decisions", "/escalations", "/reports" }.Select(p => $"/studios/{studio.Root.StudioId}{p}"))
        {
            await page.GotoAsync(path);
            var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(sizes[0] <= sizes[1], $"{path}: {sizes[0]} px wide in a {sizes[1]} px screen");
        }

        await Screenshots.TakeAsync(page, "console-phone");
    }
}
