namespace Orchestration.Silo.Hosting;

/// <summary>Once the silo is ready, one log line with what it serves and where: a newcomer opens the console from it.</summary>
internal static class ServedUrls
{
    public static void Log(WebApplication app, string httpUrl, bool dashboard)
    {
        var root = httpUrl.TrimEnd('/');
        var served = $"the console at {root}/ · the API reference at {root}/api (OpenAPI {root}/openapi/v1.json, MCP {root}/mcp) · health at {root}/health/ready · metrics at {root}/metrics"
            + (dashboard ? $" · the Orleans dashboard at {root}/dashboard" : "");
        app.Logger.LogInformation("Serving {Served}", served);
    }
}
