using System.CommandLine;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Cli.Commands;

/// <summary>The cluster's stream public keys, for agent services that pin them rather than read them at connect time.</summary>
internal static class KeyCommands
{
    public static Command Create()
    {
        var keys = new Command("stream-keys", "The public keys the cluster signs stream messages with (pin them as Orchestration:StreamPublicKeys)");
        keys.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var current = await studio.CallAsync(s => s.StreamKeys.GetStreamKeys(), ct);
            CliContext.Print(parse, current, k => string.Join(Environment.NewLine, k.PublicKeys.Select((key, i) =>
                $"{(i == 0 ? "signing " : "accepted")}  {StreamSignature.KeyId(Convert.FromBase64String(key))}  {key}")));
        }));
        return keys;
    }
}
