using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Producer;
using Orleans.Serialization;

namespace Orchestration.Tests.Unit.Contracts;

/// <summary>Every type that crosses the wire or rests in storage survives Orleans serialization intact.</summary>
public class SerializationRoundTripTests
{
    private static readonly Assembly[] ContractAssemblies = [typeof(AgentRegistration).Assembly, typeof(ProducerState).Assembly, typeof(Orchestration.LlmAgents.LlmAgentState).Assembly];

    private readonly Serializer _serializer = new ServiceCollection()
        .AddSerializer(builder =>
        {
            foreach (var assembly in ContractAssemblies) builder.AddAssembly(assembly);
        })
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static TheoryData<string> SampleTypes() => [.. ContractSamples.All().Select(s => s.GetType().FullName!)];

    /// <summary>A generic state type (a record grain's) is covered by a sample of any of its closed forms.</summary>
    private static string Declared(Type type) => (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName!;

    [Fact]
    public void Every_serializable_type_has_a_sample()
    {
        var serializable = ContractAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null && !t.IsAbstract)
            .Select(Declared)
            .Order();
        var sampled = ContractSamples.All().Select(s => Declared(s.GetType())).Distinct().Order();

        Assert.Equal(serializable, sampled);
    }

    [Theory]
    [MemberData(nameof(SampleTypes))]
    public void Round_trips_as_its_declared_base(string typeName)
    {
        var sample = ContractSamples.All().Single(s => s.GetType().FullName == typeName);

        // Serialized as object, so polymorphic members (inbox messages, studio events) must keep their concrete type.
        var copy = _serializer.Deserialize<object>(_serializer.SerializeToArray<object>(sample));

        Assert.IsType(sample.GetType(), copy);
        if (sample is InvalidRequestException refused)
        {
            var copied = (InvalidRequestException)copy;
            Assert.Equal((refused.Field, refused.Reason, refused.Message), (copied.Field, copied.Reason, copied.Message));
        }
        else
        {
            Assert.Equivalent(sample, copy, strict: true);
        }
    }

    [Fact]
    public void Every_contract_carries_an_alias()
    {
        var contracts = typeof(AgentRegistration).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Orchestration.", StringComparison.Ordinal) == true)
            .ToList();
        var missing = contracts
            .Where(t => (t.GetCustomAttribute<GenerateSerializerAttribute>() is not null || (t.IsInterface && typeof(IGrain).IsAssignableFrom(t)))
                        && !t.GetCustomAttributes<AliasAttribute>().Any())
            .Select(t => t.FullName);
        Assert.Empty(missing);

        var methodsWithoutAlias = contracts
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods().Select(m => (t.Name, m)))
            .Where(x => !x.m.GetCustomAttributes<AliasAttribute>().Any())
            .Select(x => $"{x.Name}.{x.m.Name}");
        Assert.Empty(methodsWithoutAlias);
    }

    [Fact]
    public void The_refusal_keeps_its_field_and_reason() =>
        Assert.Equal("report.summary: is required", new InvalidRequestException("report.summary", "is required").Message);
}
