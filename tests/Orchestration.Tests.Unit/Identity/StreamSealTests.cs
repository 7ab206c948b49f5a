using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Identity;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Producer;
using Orchestration.Tests.Unit.Contracts;
using Orleans.Serialization;

namespace Orchestration.Tests.Unit.Identity;

/// <summary>
/// The signature survives the wire (what one silo signs, another silo and any client verify after serialization with
/// the public key alone) and nothing else passes: no seal, another cluster's key, a sealed message with any field
/// changed, a seal moved onto another message. Every silo of a cluster derives the same key from the shared secret,
/// and during a rollover the previous key is still accepted.
/// </summary>
public class StreamSealTests
{
    private static readonly Serializer Wire = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(AgentRegistration).Assembly).AddAssembly(typeof(ProducerState).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    private static readonly string SecretA = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string SecretB = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());

    private static StreamSeal Silo(string key, string? previous = null) =>
        new(Options.Create(new StreamSealOptions { Key = key, PreviousKey = previous }));

    private static T OverTheWire<T>(T value) where T : class => (T)Wire.Deserialize<object>(Wire.SerializeToArray<object>(value))!;

    public static TheoryData<string> Messages() => [.. ContractSamples.All().Where(s => s is InboxMessage or StrategyBroadcast or StudioEvent).Select(s => s.GetType().Name).Distinct()];

    [Theory]
    [MemberData(nameof(Messages))]
    public void What_one_silo_signs_another_silo_and_a_client_verify_after_the_wire_and_a_changed_copy_fails(string type)
    {
        var sample = ContractSamples.All().First(s => s.GetType().Name == type);
        var (silo, peer, other) = (Silo(SecretA), Silo(SecretA), Silo(SecretB));
        var client = new StreamVerifier(OverTheWire(silo.Keys)); // all a client holds: the public key
        switch (sample)
        {
            case InboxMessage message:
                var signed = OverTheWire(silo.Sealed(message with { TraceParent = "00-a-b-01" }));
                Assert.True(peer.IsSealed(signed));
                Assert.Equal(SealCheck.Valid, client.Check(signed));
                Assert.Equal(SealCheck.Valid, client.Check(signed with { TraceParent = null })); // set per delivery, not signed
                Assert.Equal(SealCheck.Unsigned, client.Check(message));
                Assert.False(other.IsSealed(signed));
                Assert.Equal(SealCheck.UnknownKey, client.Check(other.Sealed(message)));
                Assert.Equal(SealCheck.Invalid, client.Check(signed with { AgentId = "someone-else" }));
                Assert.Equal(SealCheck.Invalid, client.Check(signed with { Summary = signed.Summary + "!" }));
                Assert.Equal(SealCheck.Invalid, client.Check(signed with { MessageId = "replayed-under-another-id" }));
                break;
            case StrategyBroadcast broadcast:
                var sealedBroadcast = OverTheWire(silo.Sealed(broadcast));
                Assert.True(peer.IsSealed(sealedBroadcast));
                Assert.Equal(SealCheck.Valid, client.Check(sealedBroadcast));
                Assert.Equal(SealCheck.Unsigned, client.Check(broadcast));
                Assert.Equal(SealCheck.Invalid, client.Check(sealedBroadcast with { Strategy = sealedBroadcast.Strategy with { Version = 1_000_000 } }));
                Assert.Equal(SealCheck.Unsigned, client.Check(sealedBroadcast with { Seal = "not a seal at all" }));
                Assert.Equal(SealCheck.Unsigned, client.Check(sealedBroadcast with { Seal = sealedBroadcast.Seal![..9] + "AAAA" }));
                break;
            case StudioEvent studioEvent:
                var sealedEvent = OverTheWire(silo.Sealed(studioEvent));
                Assert.True(peer.IsSealed(sealedEvent));
                Assert.Equal(SealCheck.Valid, client.Check(sealedEvent));
                Assert.Equal(SealCheck.Unsigned, client.Check(studioEvent));
                Assert.Equal(SealCheck.Invalid, client.Check(sealedEvent with { Summary = "forged" }));
                Assert.Equal(SealCheck.Invalid, client.Check(sealedEvent with { Sequence = sealedEvent.Sequence + 1 }));
                break;
        }
    }

    [Fact]
    public void Every_silo_derives_the_same_public_key_from_the_shared_secret_and_another_secret_another_key()
    {
        Assert.Equal(Silo(SecretA).Keys.PublicKeys, Silo(SecretA).Keys.PublicKeys);
        Assert.NotEqual(Silo(SecretA).Keys.PublicKeys[0], Silo(SecretB).Keys.PublicKeys[0]);
        Assert.Single(Silo(SecretA).Keys.PublicKeys);
    }

    [Fact]
    public void During_a_rollover_the_previous_key_still_verifies_and_the_new_one_signs()
    {
        var message = ContractSamples.All().OfType<InboxMessage>().First();
        var before = Silo(SecretA).Sealed(message);
        var rolled = Silo(SecretB, previous: SecretA);

        Assert.Equal([Silo(SecretB).Keys.PublicKeys[0], Silo(SecretA).Keys.PublicKeys[0]], rolled.Keys.PublicKeys);
        Assert.True(rolled.IsSealed(before), "a message signed before the rollover, still queued, verifies");
        Assert.Equal(SealCheck.Valid, new StreamVerifier(rolled.Keys).Check(before));
        Assert.Equal(SealCheck.UnknownKey, new StreamVerifier(Silo(SecretA).Keys).Check(rolled.Sealed(message)));
        Assert.False(Silo(SecretB).IsSealed(before), "once the previous key is cleared, its messages no longer pass");
    }

    [Fact]
    public void A_seal_does_not_carry_from_one_message_to_another()
    {
        var silo = Silo(SecretA);
        var client = new StreamVerifier(silo.Keys);
        var messages = ContractSamples.All().OfType<InboxMessage>().Take(2).Select(silo.Sealed).ToList();
        Assert.Equal(SealCheck.Invalid, client.Check(messages[1] with { Seal = messages[0].Seal }));
    }
}
