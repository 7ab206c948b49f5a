using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Cli;

/// <summary>The options every command shares, the connection to the cluster, and how results and refusals print.</summary>
internal static class CliContext
{
    public static readonly Option<string> Studio = new("--studio")
    {
        Description = "Studio id",
        DefaultValueFactory = _ => "default",
        Recursive = true,
    };

    public static readonly Option<int> Gateway = new("--gateway")
    {
        Description = "Gateway port of a local Development silo",
        DefaultValueFactory = _ => OrchestrationCluster.DefaultGatewayPort,
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print results as JSON",
        Recursive = true,
    };

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Connects, runs <paramref name="action"/>, and maps failures to exit codes: 2 refused, 3 unreachable.</summary>
    public static async Task<int> Run(ParseResult parse, CancellationToken cancellationToken, Func<StudioClient, Task> action)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseOrchestrationDevelopment(parse.GetValue(Gateway)));
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"cannot reach the cluster on gateway port {parse.GetValue(Gateway)}: {e.Message}");
            await Console.Error.WriteLineAsync("start a dev silo first: dotnet run --project Silo");
            return 3;
        }

        try
        {
            await action(new StudioClient(host.Services.GetRequiredService<IClusterClient>(), parse.GetValue(Studio)!));
            return 0;
        }
        catch (InvalidRequestException refused)
        {
            await Console.Error.WriteLineAsync($"refused: {refused.Field}: {refused.Reason}");
            return 2;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Prints <paramref name="value"/> as JSON with --json, otherwise as the text <paramref name="text"/> makes.</summary>
    public static void Print<T>(ParseResult parse, T value, Func<T, string> text) =>
        Console.WriteLine(parse.GetValue(Json) ? JsonSerializer.Serialize(value, JsonOptions) : text(value));

    public static string Table<T>(IEnumerable<T> rows, params (string Header, Func<T, object?> Cell)[] columns)
    {
        var cells = rows.Select(r => columns.Select(c => c.Cell(r)?.ToString() ?? "").ToArray()).ToList();
        var widths = columns.Select((c, i) => cells.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        var lines = new List<string> { string.Join("  ", columns.Select((c, i) => c.Header.PadRight(widths[i]))).TrimEnd() };
        lines.AddRange(cells.Select(r => string.Join("  ", r.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()));
        return cells.Count == 0 ? lines[0] + Environment.NewLine + "(none)" : string.Join(Environment.NewLine, lines);
    }
}
