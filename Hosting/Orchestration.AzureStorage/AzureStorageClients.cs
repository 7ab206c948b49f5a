using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.AzureStorage;

/// <summary>
/// Azure Storage clients as the Azure profile uses them, for silos and clients alike: short retries and network
/// timeouts, so a storage outage fails a grain call with a clear error well inside its 30 s timeout rather than
/// hanging it. "UseDevelopmentStorage=true" reaches Azurite.
/// </summary>
public static class AzureStorageClients
{
    public const int QueueCount = 8;

    private static void Tune(ClientOptions options)
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(250);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
    }

    public static TableServiceClient Tables(string connectionString) => new(connectionString, Tuned(new TableClientOptions()));

    public static QueueServiceClient Queues(string connectionString) => new(connectionString, Tuned(new QueueClientOptions()));

    /// <summary>The stream queues of one cluster: its own names, so clusters sharing an account never read each other's.</summary>
    public static List<string> QueueNames(string clusterId)
    {
        var prefix = new string([.. clusterId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        prefix = prefix.Length > 40 ? prefix[..40].Trim('-') : prefix;
        return [.. Enumerable.Range(0, QueueCount).Select(i => $"{prefix}-{StudioStreams.Provider}-{i}")];
    }

    /// <summary>Tunes any Azure Storage client's options the same way (the silo's blob client, say).</summary>
    public static T Tuned<T>(T options) where T : ClientOptions
    {
        Tune(options);
        return options;
    }
}
