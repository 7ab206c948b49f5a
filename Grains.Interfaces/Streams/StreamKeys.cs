using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Streams;

/// <summary>
/// The public keys a cluster's stream messages are signed with: ECDSA P-256, each as base64 of its SubjectPublicKeyInfo.
/// The first signs what the silos publish now; a second is accepted during a key rollover. Public: anyone may read them.
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.StreamKeys")]
public sealed record StreamKeys(IReadOnlyList<string> PublicKeys);

/// <summary>Where a client reads the cluster's <see cref="StreamKeys"/> (key: <see cref="Key"/>), over the gateway it
/// already trusts; a client may pin them from configuration instead.</summary>
[ScopedBy(StudioScope.Cluster)]
[Alias("orch.IStreamKeysGrain")]
public interface IStreamKeysGrain : IGrainWithStringKey
{
    const string Key = "cluster";

    [CallableBy(Callers.Anyone)]
    [Alias("GetStreamKeys")]
    Task<StreamKeys> GetStreamKeys();
}
