using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orchestration.Gateway.Http;

/// <summary>The OpenAPI document's title, its bearer scheme, and no server address (so the committed copy is the same
/// whichever host and port served it).</summary>
internal sealed class GatewayOpenApi : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Orchestration — Studio Producer API",
            Version = "v1",
            Description = "Agents in any language and the people who run a studio. Every request carries a studio credential " +
                          "(Authorization: Bearer orch.…); who did something is the credential's subject, never the request body. " +
                          "Refusals are RFC 9457 problem details with the field at fault.",
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A studio credential: orchestration credentials issue",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
        return Task.CompletedTask;
    }
}

/// <summary>
/// Schemas as the gateway reads and writes them: enums by their kebab-case names, and the fields a request may
/// leave out because the gateway fills them — who acts (from the credential) and ids the path already names.
/// </summary>
internal sealed class GatewaySchemas : IOpenApiSchemaTransformer
{
    private const string FromCredential = "Who acts: taken from the credential. It may be sent, but only naming the caller (otherwise 403).";
    private const string FromPath = "Named by the path; may be sent only with the same value.";
    private const string IdempotencyKey = "Idempotency key: a retry with the same id is applied once. May be left out when the Idempotency-Key header carries it.";

    private static readonly Dictionary<string, Dictionary<string, string>> Filled = new(StringComparer.Ordinal)
    {
        ["AgentRegistration"] = new() { ["agentId"] = FromCredential, ["hosting"] = "Always external over HTTP." },
        ["BlockerReport"] = new() { ["agentId"] = FromCredential, ["reportId"] = IdempotencyKey },
        ["RiskReport"] = new() { ["agentId"] = FromCredential, ["reportId"] = IdempotencyKey },
        ["StrategyChange"] = new() { ["issuedBy"] = FromCredential, ["messageId"] = IdempotencyKey },
        ["HandoffOffer"] = new() { ["fromAgentId"] = FromCredential },
        ["HandoffResponse"] = new() { ["agentId"] = FromCredential, ["handoffId"] = FromPath },
        ["WorkItem"] = new() { ["ownerAgentId"] = FromCredential },
        ["ApproveDecision"] = new() { ["by"] = FromCredential, ["conflictId"] = FromPath },
        ["OverrideDecision"] = new() { ["by"] = FromCredential, ["conflictId"] = FromPath },
        ["DecisionAcknowledgementRequest"] = new() { ["agentId"] = FromCredential },
        ["ReportResolutionRequest"] = new() { ["resolvedBy"] = FromCredential },
        ["StatusReport"] = new() { ["agentId"] = FromCredential, ["projectId"] = FromPath },
        ["ResolvedIssue"] = new() { ["agentId"] = FromCredential },
        ["KeyResultUpdate"] = new() { ["objectiveId"] = FromPath },
        ["ObjectiveAdjustment"] = new() { ["by"] = FromCredential, ["objectiveId"] = FromPath },
        ["MetricSample"] = new() { ["source"] = FromCredential },
        ["StakeholderRequest"] = new() { ["stakeholder"] = FromCredential },
        ["EscalationAcknowledgement"] = new() { ["by"] = FromCredential, ["escalationId"] = FromPath },
        ["EscalationResolution"] = new() { ["by"] = FromCredential, ["escalationId"] = FromPath },
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. Enum.GetNames(type).Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n))];
        }
        else if (Filled.TryGetValue(type.Name, out var filled) && schema.Properties is not null)
        {
            foreach (var (property, description) in filled)
            {
                schema.Required?.Remove(property);
                if (schema.Properties.TryGetValue(property, out var p) && p is OpenApiSchema inline) inline.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
