using System.Collections;
using System.Reflection;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Producer;
using Orchestration.Tests.Cluster.Infrastructure;
using Orleans.Concurrency;
using Orleans.Serialization;
using Xunit.Abstractions;

namespace Orchestration.Tests.Cluster.Validation;

/// <summary>
/// A generated corpus of bad requests, through the Orleans client: every field of every command of the studio's
/// contract (found by reflection over its grain interfaces, so a new command joins by itself) is set to a bad value
/// — null, empty, blank, over-long, control and direction characters, out-of-range numbers and dates, unknown ids,
/// oversized or duplicated lists. Each request must be refused with an <see cref="InvalidRequestException"/> naming a
/// field, leaving what the studio has stored byte for byte as it was; or be accepted (a value that is odd but
/// valid). Anything else — another exception, a changed store after a refusal — fails the test, with every case
/// that did.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ContractCorpusTests(ClusterFixture fixture, ITestOutputHelper output)
{
    public const int Cases = 1_200;

    private static readonly Type[] Contract = [typeof(IProducerGrain), typeof(IWorkGraphGrain), typeof(IPortfolioGrain), typeof(IEscalationsGrain)];

    [Fact]
    public async Task Every_bad_field_of_every_command_is_refused_by_name_and_changes_nothing_stored()
    {
        var corpus = await Corpus.CreateAsync(fixture);
        var mutations = Contract.SelectMany(i => i.GetMethods())
            .Where(m => m.GetCustomAttribute<ReadOnlyAttribute>() is null && m.GetParameters().Length > 0)
            .SelectMany(corpus.Mutations)
            .ToList();
        Assert.True(mutations.Count > 300, $"only {mutations.Count} mutations were generated");

        var (refused, named, accepted) = (0, 0, 0);
        var failures = new List<string>();
        async Task Run(Mutation mutation)
        {
            var before = await corpus.StoredAsync();
            try
            {
                await mutation.Send();
                accepted++;
            }
            catch (InvalidRequestException e)
            {
                refused++;
                if (string.IsNullOrWhiteSpace(e.Field) || e.Field.Contains(' ', StringComparison.Ordinal)) failures.Add($"{mutation}: refused without a field name ({e.Message})");
                if (e.Field.StartsWith(mutation.Field, StringComparison.Ordinal) || mutation.Field.StartsWith(e.Field, StringComparison.Ordinal)) named++;
                if (!(await corpus.StoredAsync()).SequenceEqual(before)) failures.Add($"{mutation}: refused ({e.Message}) but the stored studio changed");
            }
            catch (Exception e)
            {
                failures.Add($"{mutation}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }

        // Every mutation once, then more drawn at random (a request seen before is a retry: it must be answered the same way).
        foreach (var mutation in mutations) await Run(mutation);
        var extra = Math.Max(0, Cases - mutations.Count);
        await Gen.Int[0, mutations.Count - 1].SampleAsync(index => Run(mutations[index]), iter: extra, threads: 1, seed: "0000000000001");
        var total = mutations.Count + extra;

        var summary = $"contract corpus: {total:N0} cases over {mutations.Count:N0} mutations of {mutations.Select(m => m.Method).Distinct().Count()} commands: " +
                      $"{refused:N0} refused ({named:N0} naming the mutated field), {accepted:N0} accepted, {failures.Count} failed";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Distinct().Take(40)));
        Assert.Equal(total, refused + accepted + failures.Count);
        Assert.True(total >= 1_000);
        await corpus.AssertConsistentAsync();
    }

    /// <summary>One request: a command with one field set to a bad value.</summary>
    private sealed record Mutation(string Method, string Field, string Value, Func<Task> Send)
    {
        public override string ToString() => $"{Method}({Field} = {Value})";
    }

    /// <summary>A populated studio, valid samples of every command's arguments, and the bad values to put in them.</summary>
    private sealed class Corpus(ClusterFixture fixture, StudioClient studio)
    {
    // Agent ids are cluster-wide and an agent belongs to one studio: each test's agents are its own.
    private readonly string _tracker = Ids.New("tracker");
    private readonly string _shipper = Ids.New("shipper");

        private int _fresh;

        private string Fresh(string prefix) => $"{prefix}-{++_fresh}";

        private DateOnly Today => fixture.Today;

        public static async Task<Corpus> CreateAsync(ClusterFixture fixture)
        {
            var studio = fixture.NewStudio();
            var corpus = new Corpus(fixture, studio);
            await studio.Producer.RegisterAgent(new AgentRegistration(corpus._tracker, AgentKinds.ExperimentTracker, "Tracker", 50, AgentHosting.External));
            await studio.Producer.RegisterAgent(new AgentRegistration(corpus._shipper, AgentKinds.ProjectShipper, "Shipper", 50, AgentHosting.External));
            await studio.PublishStrategyAsync(new StrategyChange("m-1", 1, ["customer-commitments"], ["human-approval"], "hold for a human", "ceo"));
            await studio.Portfolio.DeclareProject(new ProjectDeclaration("checkout", "Checkout", [corpus._tracker, corpus._shipper], [new Milestone("beta", fixture.Today.AddDays(10))]));
            await studio.Portfolio.SetObjective(new Objective("okr-1", Quarter(fixture), "Grow", [new KeyResult("kr", "Conversion", 2, 3, 2, "%")]));
            var today = fixture.Today;
            await studio.WorkGraph.DeclareWorkItem(new WorkItem("exp-1", WorkItemKind.Experiment, corpus._tracker, "checkout", "CTA", today, today.AddDays(21), [], 100_000m, 5_000), "planned");
            await studio.WorkGraph.DeclareWorkItem(new WorkItem("rel-1", WorkItemKind.Release, corpus._shipper, "checkout", "Checkout", today, today.AddDays(30),
                [new Dependency("exp-1", 2)], Commitments: [new CustomerCommitment("Acme", 10, true)]), "planned");
            await studio.WorkGraph.DeclareWorkItem(new WorkItem("exp-1", WorkItemKind.Experiment, corpus._tracker, "checkout", "CTA", today, today.AddDays(42), [], 100_000m, 5_000), "slip");
            await studio.Producer.OfferHandoff(new HandoffOffer("h-1", HandoffKind.WinningExperiment, corpus._tracker, corpus._shipper, "exp-1", "checkout", "ship green",
                new Dictionary<string, string> { ["winner"] = "green" }, 2));
            await studio.Escalations.RaiseStakeholderRequest(new StakeholderRequest("req-1", "cfo", "numbers", "checkout"));
            await studio.ReportBlockerAsync(new BlockerReport("blk-1", corpus._shipper, "checkout", "blocked", "the build", "a day", Severity.High, "pm"));
            return corpus;
        }

        private static string Quarter(ClusterFixture fixture) =>
            $"{fixture.StudioTime.GetUtcNow().Year}-Q{(fixture.StudioTime.GetUtcNow().Month + 2) / 3}";

        /// <summary>A valid argument of each type the commands take; ids of new things are fresh each time.</summary>
        private object? Sample(Type type) => type switch
        {
            _ when type == typeof(string) => "a reason",
            _ when type == typeof(AgentRegistration) => new AgentRegistration(Fresh("agent"), AgentKinds.ProjectShipper, "Agent", 2, AgentHosting.External),
            _ when type == typeof(BlockerReport) => new BlockerReport(Fresh("blk"), _shipper, "checkout", "blocked", "the build", "a day", Severity.Medium, "pm", "ci"),
            _ when type == typeof(RiskReport) => new RiskReport(Fresh("risk"), _tracker, "checkout", "vendor", "a week", Severity.Low, "lead", 0.3, "pin it", Today.AddDays(5)),
            _ when type == typeof(ResolveReport) => new ResolveReport("blk-1", "pm", "unblocked"),
            _ when type == typeof(StrategyChange) => new StrategyChange(Fresh("m"), 2, ["customer-commitments"], ["human-approval"], "same again", "ceo"),
            _ when type == typeof(HandoffOffer) => new HandoffOffer(Fresh("h"), HandoffKind.WinningExperiment, _tracker, _shipper, "exp-1", "checkout", "ship it",
                new Dictionary<string, string> { ["winner"] = "b" }, 1),
            _ when type == typeof(HandoffResponse) => new HandoffResponse("h-1", _shipper, true, "scheduled"),
            _ when type == typeof(WorkItem) => new WorkItem(Fresh("rel"), WorkItemKind.Release, _shipper, "checkout", "Release", Today, Today.AddDays(60),
                [new Dependency("exp-1", 1)], 0m, 0, [new CustomerCommitment("Beta", 3, false)]),
            _ when type == typeof(WorkItemCompletion) => new WorkItemCompletion("exp-1", _tracker),
            _ when type == typeof(ApproveDecision) => new ApproveDecision("conflict-1", "delay-dependent", "producer", "as recommended"),
            _ when type == typeof(OverrideDecision) => new OverrideDecision("conflict-1", "descope-dependent", "producer", "second thoughts"),
            _ when type == typeof(DecisionAcknowledgement) => new DecisionAcknowledgement("conflict-1", "decision-1", _shipper),
            _ when type == typeof(ProjectDeclaration) => new ProjectDeclaration(Fresh("proj"), "Project", [_shipper], [new Milestone("launch", Today.AddDays(30))]),
            _ when type == typeof(StatusReport) => new StatusReport(Fresh("status"), "checkout", _shipper, ProjectStatus.Yellow, "slipping"),
            _ when type == typeof(ResolvedIssue) => new ResolvedIssue(Fresh("issue"), _shipper, "checkout", "ci", "flaky", "re-ran"),
            _ when type == typeof(Objective) => new Objective(Fresh("okr"), Quarter(fixture), "Objective", [new KeyResult("kr", "Result", 1, 2, 1, "%")]),
            _ when type == typeof(KeyResultUpdate) => new KeyResultUpdate(Fresh("u"), "okr-1", "kr", 2.5),
            _ when type == typeof(ObjectiveAdjustment) => new ObjectiveAdjustment("okr-1", new Dictionary<string, double> { ["kr"] = 4 }, "rescoped", "vp"),
            _ when type == typeof(QuarterClose) => new QuarterClose("2020-Q1", ["shipped"], ["scope"]),
            _ when type == typeof(Initiative) => new Initiative(Fresh("init"), "Goal", Today, Today.AddDays(60), "okr-1", ["exp-1"]),
            _ when type == typeof(MetricSample) => new MetricSample(Fresh("sample"), "nps", 42, "survey"),
            _ when type == typeof(StakeholderRequest) => new StakeholderRequest(Fresh("req"), "cfo", "a view", "checkout"),
            _ when type == typeof(EscalationAcknowledgement) => new EscalationAcknowledgement("esc-2", "producer", "finance"),
            _ when type == typeof(EscalationResolution) => new EscalationResolution("esc-2", "producer", "sent"),
            _ => throw new InvalidOperationException($"the corpus has no sample of {type.Name}: add one, so its command is covered"),
        };

        /// <summary>Every mutation of one command: each field of each argument (and of the first element of a list of
        /// records) set to each bad value of its type.</summary>
        public IEnumerable<Mutation> Mutations(MethodInfo method)
        {
            var parameters = method.GetParameters();
            for (var p = 0; p < parameters.Length; p++)
            {
                var index = p;
                var parameter = parameters[p];
                foreach (var (field, value, make) in BadValuesOf(parameter.Name!, parameter.ParameterType, () => Sample(parameter.ParameterType)))
                    yield return new Mutation(method.Name, field, value, () =>
                    {
                        var arguments = parameters.Select(x => Sample(x.ParameterType)).ToArray();
                        arguments[index] = make();
                        return Invoke(method, arguments);
                    });
            }
        }

        private Task Invoke(MethodInfo method, object?[] arguments)
        {
            var grain = fixture.Client.GetGrain(method.DeclaringType!, studio.StudioId);
            return (Task)method.Invoke(grain, arguments)!;
        }

        /// <summary>(field path, the bad value in words, a factory of the argument holding it).</summary>
        private static IEnumerable<(string Field, string Value, Func<object?> Make)> BadValuesOf(string path, Type type, Func<object?> sample)
        {
            foreach (var (value, bad) in Bad(type)) yield return (path, value, () => bad);
            if (!IsRecord(type)) yield break;

            var constructor = Constructor(type);
            foreach (var parameter in constructor.GetParameters())
            {
                var field = $"{path}.{Camel(parameter.Name!)}";
                foreach (var (value, bad) in Bad(parameter.ParameterType))
                    yield return (field, value, () => With(sample(), parameter.Name!, bad));

                // One level down: the first element of a list of records.
                if (ElementType(parameter.ParameterType) is { } element && IsRecord(element))
                    foreach (var inner in Constructor(element).GetParameters())
                        foreach (var (value, bad) in Bad(inner.ParameterType))
                            yield return ($"{field}[0].{Camel(inner.Name!)}", value, () =>
                            {
                                var outer = sample();
                                var list = ((IEnumerable)Property(outer!, parameter.Name!)!).Cast<object?>().ToList();
                                if (list.Count == 0) return outer;
                                list[0] = With(list[0], inner.Name!, bad);
                                return With(outer, parameter.Name!, TypedList(element, list));
                            });
            }
        }

        /// <summary>The bad values of a type, with how to say them.</summary>
        private static IEnumerable<(string Value, object? Bad)> Bad(Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying is not null || !type.IsValueType) yield return ("null", null);
            type = underlying ?? type;
            if (type == typeof(string))
            {
                yield return ("empty", "");
                yield return ("blank", "   ");
                yield return ("5,000 characters", new string('x', 5_000));
                yield return ("an ANSI escape", "ok\u001b[31m");
                yield return ("a direction override", "\u202Egnp.exe");
                yield return ("an unknown id", "ghost-404");
                yield return ("not an id", "has space/and slash");
            }
            else if (type == typeof(int))
            {
                yield return ("-1", -1);
                yield return ("int.MaxValue", int.MaxValue);
                yield return ("int.MinValue", int.MinValue);
            }
            else if (type == typeof(double))
            {
                yield return ("NaN", double.NaN);
                yield return ("+∞", double.PositiveInfinity);
                yield return ("-1", -1.0);
                yield return ("1e300", 1e300);
            }
            else if (type == typeof(decimal))
            {
                yield return ("-1", -1m);
                yield return ("decimal.MaxValue", decimal.MaxValue);
            }
            else if (type == typeof(DateOnly))
            {
                yield return ("year 1", DateOnly.MinValue);
                yield return ("year 9999", DateOnly.MaxValue);
            }
            else if (type.IsEnum)
            {
                yield return ("undefined 99", Enum.ToObject(type, 99));
            }
            else if (ElementType(type) is { } element && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                yield return ("empty list", TypedList(element, []));
                if (!element.IsValueType) yield return ("a null entry", TypedList(element, [null]));
                if (element == typeof(string))
                {
                    yield return ("51 entries", TypedList(element, Enumerable.Range(0, 51).Select(i => (object?)$"entry-{i}").ToList()));
                    yield return ("a duplicate", TypedList(element, ["same", "same"]));
                }
            }
            else if (IsDictionary(type, out var valueType))
            {
                yield return ("empty map", Map(valueType, []));
                yield return ("a control-character key", Map(valueType, [("\u0007", Default(valueType))]));
                if (valueType == typeof(double)) yield return ("a NaN value", Map(valueType, [("kr", double.NaN)]));
            }
        }

        private static object? Default(Type type) => type == typeof(string) ? "v" : Activator.CreateInstance(type);

        private static object Map(Type valueType, IReadOnlyList<(string Key, object? Value)> entries)
        {
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            foreach (var (key, value) in entries) map[key] = value;
            return map;
        }

        private static bool IsDictionary(Type type, out Type valueType)
        {
            valueType = typeof(object);
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IReadOnlyDictionary<,>) || type.GetGenericArguments()[0] != typeof(string)) return false;
            valueType = type.GetGenericArguments()[1];
            return true;
        }

        private static Type? ElementType(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

        private static object TypedList(Type element, List<object?> items)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            foreach (var item in items) list.Add(item);
            return list;
        }

        private static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && type.GetMethod("<Clone>$") is not null;

        private static ConstructorInfo Constructor(Type type) =>
            type.GetConstructors().Where(c => c.GetParameters().All(p => p.ParameterType != type)).OrderByDescending(c => c.GetParameters().Length).First();

        private static object? Property(object target, string parameterName) =>
            target.GetType().GetProperty(parameterName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!.GetValue(target);

        /// <summary>A copy of a record with one constructor argument replaced (the record's own "with").</summary>
        private static object With(object? record, string parameterName, object? value)
        {
            var constructor = Constructor(record!.GetType());
            var arguments = constructor.GetParameters()
                .Select(p => string.Equals(p.Name, parameterName, StringComparison.Ordinal) ? value : Property(record, p.Name!))
                .ToArray();
            return constructor.Invoke(arguments);
        }

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

        /// <summary>What the studio has stored, as bytes: the Producer's state as the storage holds it.</summary>
        public async Task<byte[]> StoredAsync()
        {
            var state = await StoredState.ReadAsync<ProducerState>(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer);
            return fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>().SerializeToArray(state);
        }

        /// <summary>After the corpus the studio still answers, and its journal holds every event it published, in order.</summary>
        public async Task AssertConsistentAsync()
        {
            var overview = await studio.GetOverviewAsync();
            var journal = new List<long>();
            await foreach (var e in studio.ReadJournalAsync()) journal.Add(e.Sequence);
            Assert.Equal(Enumerable.Range(1, (int)overview.EventsPublished).Select(n => (long)n), journal);
        }
    }
}
