namespace Orchestration.Silo.Hosting;

/// <summary>
/// <c>dotnet Orchestration.Silo.dll health [URL]</c>: exit 0 when the silo's readiness endpoint answers 200, else 1.
/// The container's HEALTHCHECK, since the runtime image has no curl. The URL defaults to the silo's configured one.
/// </summary>
internal static class SiloHealthCheck
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configured = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var root = args is [{ } url, ..] && Uri.TryCreate(url, UriKind.Absolute, out _) ? url
            : configured.SiloOptions().HttpUrl.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            return (await http.GetAsync(new Uri(new Uri(root), "/health/ready"))).IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
