using System.CommandLine;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Cli.Commands;

/// <summary>Credentials for the HTTP API and the MCP server. The CLI reaches the studio over the trusted Orleans
/// gateway (mutual TLS on the Azure profile), which is what makes it fit to issue them.</summary>
internal static class CredentialCommands
{
    public static Command Create()
    {
        var credentials = new Command("credentials", "Bearer tokens for agents and people on the HTTP API and MCP server");

        var subject = new Option<string>("--subject") { Description = "Who it authenticates: the agent id (role agent) or the person's name", Required = true };
        var role = new Option<CredentialRole>("--role") { Description = "agent, operator, approver or stakeholder", Required = true };
        var by = new Option<string>("--by") { Description = "The operator issuing or revoking it (recorded)", Required = true };
        var issue = new Command("issue", "Issue a credential; its token is printed once and stored only as a hash") { subject, role, by };
        issue.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var issued = await studio.Credentials.Issue(new CredentialRequest(parse.GetValue(subject)!, parse.GetValue(role), parse.GetValue(by)!));
            CliContext.Print(parse, issued, i => $"""
                issued: {i.Credential.CredentialId} for {i.Credential.Subject} ({Role(i.Credential.Role)}) in studio {i.Credential.StudioId}
                token:  {i.Token}
                (shown this once: the studio keeps only its hash; revoke with: credentials revoke {i.Credential.CredentialId} --by …)
                """);
        }));
        credentials.Subcommands.Add(issue);

        var list = new Command("list", "Every credential of the studio, revoked ones included (never a token)");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Credentials.List(), all => all.Count == 0 ? "no credentials" : CliContext.Table(all,
                ("ID", c => c.CredentialId), ("SUBJECT", c => c.Subject), ("ROLE", c => Role(c.Role)),
                ("ISSUED", c => $"{c.IssuedAt:u} by {c.IssuedBy}"),
                ("REVOKED", c => c.RevokedAt is { } at ? $"{at:u} by {c.RevokedBy}" : "-")))));
        credentials.Subcommands.Add(list);

        var id = new Argument<string>("id") { Description = "The credential id (credentials list)" };
        var revoke = new Command("revoke", "Revoke a credential: its token is refused from the next request on") { id, by };
        revoke.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Credentials.Revoke(new CredentialRevocation(parse.GetValue(id)!, parse.GetValue(by)!)),
                c => $"revoked: {c.CredentialId} ({c.Subject}, {Role(c.Role)}) at {c.RevokedAt:u} by {c.RevokedBy}")));
        credentials.Subcommands.Add(revoke);

        return credentials;
    }

    private static string Role(CredentialRole role) => role.ToString().ToLowerInvariant();
}
