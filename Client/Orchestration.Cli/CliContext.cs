using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Cluster;
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

    public static readonly Option<int> Timeout = new("--timeout")
    {
        Description = "Seconds to wait for the cluster, to connect and for each answer (default 30; a gateway that refuses the connection is reported at once)",
        DefaultValueFactory = _ => 30,
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On an error, print its whole exception, stack trace included",
        Recursive = true,
    };

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Connects, runs <paramref name="action"/>, and maps failures to exit codes: 2 refused, 3 unreachable (within
    /// <c>--timeout</c>), 4 not found, 1 anything else. Every error is one line on stderr (a JSON object on stdout with --json);
    /// a stack trace only with --verbose.
    /// </summary>
    public static async Task<int> Run(ParseResult parse, CancellationToken cancellationToken, Func<StudioClient, Task> action)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(Timeout)));
        CliConnection connection;
        try
        {
            connection = CliConnection.From(parse, parse.GetValue(Gateway));
        }
        catch (InvalidRequestException refused)
        {
            return await Fail(parse, 2, "refused", $"{refused.Field}: {refused.Reason}", refused, refused.Field, refused.Reason);
        }

        // Nothing listening on a local gateway is known at once: no need to wait out the timeout for it.
        if (!connection.IsAzure && await Refused(connection.GatewayPort, cancellationToken) is { } refusal)
            return await Fail(parse, 3, "unreachable", $"nothing listens on gateway port {connection.GatewayPort} (connection refused; start a dev silo: dotnet run --project Silo, or pass --gateway PORT)", refusal);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            connection.Configure(client);
            client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = timeout);
        });
        using var host = builder.Build();
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connect.CancelAfter(timeout);
            await host.StartAsync(connect.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return await Fail(parse, 3, "unreachable", connection.IsAzure
                ? $"cannot reach {connection.Describe()} within {timeout.TotalSeconds:0} s (are its silos up, and is this client's certificate from the cluster's authority?)"
                : $"cannot reach the cluster on gateway port {parse.GetValue(Gateway)} within {timeout.TotalSeconds:0} s (start a dev silo: dotnet run --project Silo)", e);
        }

        try
        {
            await action(new StudioClient(host.Services.GetRequiredService<IClusterClient>(), parse.GetValue(Studio)!));
            return 0;
        }
        catch (InvalidRequestException refused)
        {
            return await Fail(parse, 2, "refused", $"{refused.Field}: {refused.Reason}", refused, refused.Field, refused.Reason);
        }
        catch (CliNotFoundException missing)
        {
            return await Fail(parse, 4, "not found", missing.Message, missing);
        }
        catch (TimeoutException e)
        {
            return await Fail(parse, 3, "timeout", $"no answer within {timeout.TotalSeconds:0} s: {FirstLine(e.Message)}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return await Fail(parse, 1, "error", $"{e.GetType().Name}: {FirstLine(e.Message)}", e);
        }
        finally
        {
            using var stop = new CancellationTokenSource(timeout);
            try
            {
                await host.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // the cluster went away: nothing to close gracefully
            }
        }
    }

    /// <summary>The refusal when nothing listens on this machine's <paramref name="port"/>; null when something
    /// answers (or the probe cannot tell within a second: then the client's own connection decides).</summary>
    private static async Task<System.Net.Sockets.SocketException?> Refused(int port, CancellationToken cancellationToken)
    {
        using var probe = new System.Net.Sockets.TcpClient();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await probe.ConnectAsync(System.Net.IPAddress.Loopback, port, bound.Token);
            return null;
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionRefused)
        {
            return e;
        }
        catch (Exception e) when (e is OperationCanceledException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    private static async Task<int> Fail(ParseResult parse, int code, string kind, string message, Exception e, string? field = null, string? reason = null)
    {
        if (parse.GetValue(Json))
            Console.WriteLine(JsonSerializer.Serialize(new { error = kind, message, field, reason, exitCode = code }, JsonOptions));
        else
            await Console.Error.WriteLineAsync($"{kind}: {message}");
        if (parse.GetValue(Verbose)) await Console.Error.WriteLineAsync(e.ToString());
        return code;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>Prints <paramref name="value"/> as JSON with --json, otherwise as the text <paramref name="text"/> makes.</summary>
    public static void Print<T>(ParseResult parse, T value, Func<T, string> text) =>
        Console.WriteLine(parse.GetValue(Json) ? JsonSerializer.Serialize(value, JsonOptions) : text(value));

    public static string Table<T>(IEnumerable<T> rows, params (string Header, Func<T, object?> Cell)[] columns) => CliOutput.Table(rows, columns);
}
