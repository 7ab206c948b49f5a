using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Identity;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Producer;
using Orchestration.Tests.Unit.Contracts;
using Orleans.Serialization;

namespace Orchestration.Tests.Unit.Identity;

/// <summary>The seal survives the wire (what a silo seals, another silo verifies after serialization) and nothing else
/// passes: no seal, another key's seal, or a sealed message with any field changed.</summary>
public class StreamSealTests
{
    private static readonly Serializer Wire = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(AgentRegistration).Assembly).AddAssembly(typeof(ProducerState).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    private static StreamSeal Seal(string? key = null) =>
        new(Options.Create(new StreamSealOptions { Key = key ?? Convert.ToBase64String(new byte[32]) }));

    private static T OverTheWire<T>(T value) where T : class => (T)Wire.Deserialize<object>(Wire.SerializeToArray<object>(value))!;

    public static TheoryData<string> Messages() => [.. ContractSamples.All().Where(s => s is InboxMessage or StrategyBroadcast or StudioEvent).Select(s => s.GetType().Name).Distinct()];

    [Theory]
    [MemberData(nameof(Messages))]
    public void What_one_silo_seals_another_verifies_after_the_wire_and_a_changed_copy_fails(string type)
    {
        var sample = ContractSamples.All().First(s => s.GetType().Name == type);
        var (silo, other) = (Seal(), Seal(Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray())));
        switch (sample)
        {
            case InboxMessage message:
                var sealedMessage = OverTheWire(silo.Sealed(message with { TraceParent = "00-a-b-01" }));
                Assert.True(silo.IsSealed(sealedMessage));
                Assert.True(silo.IsSealed(sealedMessage with { TraceParent = null }), "the trace parent is not sealed: it is set per delivery");
                Assert.False(silo.IsSealed(message));
                Assert.False(other.IsSealed(sealedMessage));
                Assert.False(silo.IsSealed(sealedMessage with { AgentId = "someone-else" }));
                Assert.False(silo.IsSealed(sealedMessage with { Summary = sealedMessage.Summary + "!" }));
                break;
            case StrategyBroadcast broadcast:
                var sealedBroadcast = OverTheWire(silo.Sealed(broadcast));
                Assert.True(silo.IsSealed(sealedBroadcast));
                Assert.False(silo.IsSealed(broadcast));
                Assert.False(other.IsSealed(sealedBroadcast));
                Assert.False(silo.IsSealed(sealedBroadcast with { Strategy = sealedBroadcast.Strategy with { Version = 1_000_000 } }));
                Assert.False(silo.IsSealed(sealedBroadcast with { Seal = "not base64!" }));
                break;
            case StudioEvent studioEvent:
                var sealedEvent = OverTheWire(silo.Sealed(studioEvent));
                Assert.True(silo.IsSealed(sealedEvent));
                Assert.False(silo.IsSealed(studioEvent));
                Assert.False(silo.IsSealed(sealedEvent with { Summary = "forged" }));
                break;
        }
    }
}
