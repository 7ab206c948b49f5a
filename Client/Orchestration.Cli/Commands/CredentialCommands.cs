using System.CommandLine;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Cli.Commands;

/// <summary>Credentials for every path — the Orleans client, the HTTP API, the MCP server. Issuing and revoking need an
/// operator credential of the studio (or the cluster's root, which is how the first operator gets one); what is recorded
/// as who issued or revoked is the CLI's own credential.</summary>
internal static class CredentialCommands
{
    public static Command Create()
    {
        var credentials = new Command("credentials", "Credentials for agents, services and people, on the Orleans client, the HTTP API and the MCP server");

        var subject = new Option<string>("--subject") { Description = "Who it authenticates: the agent id (role agent), the service's or person's name", Required = true };
        var role = new Option<CredentialRole>("--role") { Description = "agent, operator, approver, stakeholder or service", Required = true };
        var agents = new Option<string[]>("--agents") { Description = "Role service: the agent ids it acts as (or * for every agent of the studio)", AllowMultipleArgumentsPerToken = true };
        var by = new Option<string>("--by") { Description = "Who issues or revokes it: must be the CLI's own credential's subject (the default); the root credential may name anyone" };
        var issue = new Command("issue", "Issue a credential; its token is printed once and stored only as a hash") { subject, role, agents, by };
        issue.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var issued = await studio.Credentials.Issue(new CredentialRequest(parse.GetValue(subject)!, parse.GetValue(role), parse.GetValue(by) ?? "",
                parse.GetValue(agents) is { Length: > 0 } named ? named : null));
            CliContext.Print(parse, issued, i => $"""
                issued: {i.Credential.CredentialId} for {i.Credential.Subject} ({Role(i.Credential.Role)}{(i.Credential.Agents is { Count: > 0 } acting ? $" for {string.Join(", ", acting)}" : "")}) in studio {i.Credential.StudioId}
                token:  {i.Token}
                (shown this once: the studio keeps only its hash; revoke with: credentials revoke {i.Credential.CredentialId})
                """);
        }));
        credentials.Subcommands.Add(issue);

        var list = new Command("list", "Every credential of the studio, revoked ones included (never a token)");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Credentials.List(), all => all.Count == 0 ? "no credentials" : CliContext.Table(all,
                ("ID", c => c.CredentialId), ("SUBJECT", c => c.Subject), ("ROLE", c => Role(c.Role) + (c.Agents is { Count: > 0 } acting ? $" ({string.Join(", ", acting)})" : "")),
                ("ISSUED", c => $"{c.IssuedAt:u} by {c.IssuedBy}"),
                ("REVOKED", c => c.RevokedAt is { } at ? $"{at:u} by {c.RevokedBy}" : "-")))));
        credentials.Subcommands.Add(list);

        var id = new Argument<string>("id") { Description = "The credential id (credentials list)" };
        var revoke = new Command("revoke", "Revoke a credential: its token is refused from the next request on") { id, by };
        revoke.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Credentials.Revoke(new CredentialRevocation(parse.GetValue(id)!, parse.GetValue(by) ?? "")),
                c => $"revoked: {c.CredentialId} ({c.Subject}, {Role(c.Role)}) at {c.RevokedAt:u} by {c.RevokedBy}")));
        credentials.Subcommands.Add(revoke);

        var whoami = new Command("whoami", "Who the studio takes the CLI's credential to be");
        whoami.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.WhoAmIAsync(), me => me.IsRoot
                ? "root: the cluster's root credential (any studio, any role)"
                : $"{me.Subject} ({Role(me.Role!.Value)}{(me.Agents.Count > 0 ? $" for {string.Join(", ", me.Agents)}" : "")}) in studio {me.StudioId}, credential {me.CredentialId}")));
        credentials.Subcommands.Add(whoami);

        return credentials;
    }

    private static string Role(CredentialRole role) => role.ToString().ToLowerInvariant();
}
