using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orchestration.Gateway.Identity;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Gateway.Mcp;

/// <summary>A refused tool call as the model should see it: a tool error that names the field and the reason, and
/// says whether the caller is not permitted (the HTTP API's 403) or sent bad input (400). Arguments are checked
/// against the tool's parameters first (<see cref="McpArguments"/>), so none reaches the SDK's binder malformed.</summary>
internal static class McpRefusals
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                if (context.Params is { } call && McpArguments.Check(call.Name, call.Arguments) is { } wrong) throw wrong;
                return await next(context, cancellationToken);
            }
            catch (Exception e) when (Refusal(e) is { } text)
            {
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = text }] };
            }
        };

    private static string? Refusal(Exception e) => e switch
    {
        InvalidRequestException r => ToolArguments.Refusal(r),
        CallerMismatchException m => ToolArguments.Refusal(notPermitted: true, m.Field, m.Reason),
        _ => null,
    };
}
