using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Orchestration.WebConsole.Identity;
using Orchestration.WebConsole.Studio;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.WebConsole;

/// <summary>
/// What the console's forms post to: signing in and out, deciding a held decision, acknowledging and resolving an
/// escalation; and the reports as Markdown files. Each change is made as the
/// signed-in person through the contract and answered with a redirect back to the page (so a reload never repeats
/// it); a refusal comes back to the form as its field and reason.
/// </summary>
internal static class ConsoleEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/session", SignIn).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/session/end", (HttpContext context) =>
        {
            ConsoleSession.SignOut(context);
            return Results.Redirect("/sign-in");
        }).DisableAntiforgery().ExcludeFromDescription();

        foreach (var decision in new[] { "approve", "override" })
            app.MapPost($"/studios/{{studio}}/conflicts/{{conflictId}}/{decision}", (HttpContext context, string studio, string conflictId) => Decide(context, studio, conflictId, decision))
                .DisableAntiforgery().ExcludeFromDescription();
        foreach (var step in new[] { "acknowledge", "resolve" })
            app.MapPost($"/studios/{{studio}}/escalations/{{escalationId}}/{step}", (HttpContext context, string studio, string escalationId) => Escalate(context, studio, escalationId, step))
                .DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/studios/{studio}/reports/{report}.md", Report).ExcludeFromDescription();
    }

    private static Task<IResult> Escalate(HttpContext context, string studio, string escalationId, string step) =>
        Change(context, $"/studios/{Uri.EscapeDataString(studio)}/escalations", "escalation", escalationId, step == "acknowledge" ? "acknowledged" : "resolved", (console, form) =>
        {
            var escalations = (IGrainFactory g) => g.GetGrain<IEscalationsGrain>(studio);
            var resolution = form["resolution"].ToString();
            if (step == "acknowledge")
                return console.Call(g => escalations(g).AcknowledgeEscalation(new EscalationAcknowledgement(escalationId, "", form["assignee"].ToString())));
            if (form["report"].ToString() is { Length: > 0 } report) // a blocker's escalation resolves with its report
                return console.Call(g => g.GetGrain<IProducerGrain>(studio).ResolveReport(new ResolveReport(report, "", resolution)));
            return console.Call(g => escalations(g).ResolveEscalation(new EscalationResolution(escalationId, "", resolution)));
        });

    private static Task<IResult> Decide(HttpContext context, string studio, string conflictId, string decision) =>
        Change(context, $"/studios/{Uri.EscapeDataString(studio)}/decisions", "conflict", conflictId, decision == "approve" ? "approved" : "overridden", (console, form) =>
        {
            var (option, why) = (form["optionId"].ToString(), form["why"].ToString());
            var work = (IGrainFactory g) => g.GetGrain<IWorkGraphGrain>(studio);
            // Who decides is the signed-in person: the field is left empty and the studio fills it from the credential.
            return decision == "approve"
                ? console.Call(g => work(g).ApproveDecision(new ApproveDecision(conflictId, option, "", why)))
                : console.Call(g => work(g).OverrideDecision(new OverrideDecision(conflictId, option, "", why)));
        });

    /// <summary>
    /// A change posted by one of the console's forms about <paramref name="id"/>: made as the signed-in person, then
    /// back to <paramref name="page"/> saying it was <paramref name="done"/>, or with the refusal's field and reason
    /// for the form to show (as <paramref name="kind"/>=id, field, reason).
    /// </summary>
    private static async Task<IResult> Change(HttpContext context, string page, string kind, string id, string done, Func<ConsoleStudio, IFormCollection, Task> change)
    {
        if (!ConsoleSession.FromThisConsole(context)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var console = context.RequestServices.GetRequiredService<ConsoleStudio>();
        var form = await context.Request.ReadFormAsync();
        try
        {
            await change(console, form);
            return Results.Redirect($"{page}?done={Uri.EscapeDataString($"{id} {done}")}#{id}");
        }
        catch (InvalidRequestException refused)
        {
            return Results.Redirect($"{page}?{kind}={Uri.EscapeDataString(id)}&field={Uri.EscapeDataString(refused.Field)}&reason={Uri.EscapeDataString(refused.Reason)}#{id}");
        }
    }

    /// <summary>A report as Markdown, the same document the page and the CLI show.</summary>
    private static async Task<IResult> Report(HttpContext context, string studio, string report)
    {
        var console = context.RequestServices.GetRequiredService<ConsoleStudio>();
        if (BriefingKind.Named(report) is not { } kind || kind.Name != report) return Results.NotFound();
        var briefing = await console.Call(g => g.GetGrain<IPortfolioGrain>(studio).GetBriefing(kind.PeriodDays));
        return Results.File(System.Text.Encoding.UTF8.GetBytes(MarkdownRenderer.Render(kind.Build(briefing))), "text/markdown; charset=utf-8", $"{studio}-{report}.md");
    }

    private static async Task<IResult> SignIn(HttpContext context, IGrainFactory grains, IOptions<ConsoleOptions> options)
    {
        if (!ConsoleSession.FromThisConsole(context)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var form = await context.Request.ReadFormAsync();
        var token = form["credential"].ToString().Trim();
        if (await ConsoleStudio.IdentifyAsync(grains, token, options.Value.DefaultStudio) is not { } identity)
            return Results.Redirect("/sign-in?refused=" + Uri.EscapeDataString(token.Length == 0
                ? "credential: paste the credential an operator issued you (orch.…)"
                : "credential: unknown, revoked, or not a person's (agents and services use the API, not the console)"));
        ConsoleSession.SignIn(context, token);
        return Results.Redirect($"/studios/{Uri.EscapeDataString(identity.StudioId ?? options.Value.DefaultStudio)}");
    }
}
