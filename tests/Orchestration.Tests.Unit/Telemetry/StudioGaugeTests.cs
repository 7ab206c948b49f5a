using System.Diagnostics.Metrics;
using Orchestration.Grains.Telemetry;

namespace Orchestration.Tests.Unit.Telemetry;

/// <summary>A silo exports a studio's gauges only while that studio's Producer is active on it: after the Producer
/// moves (rolling upgrade, silo lost), two silos never export the same series.</summary>
public class StudioGaugeTests
{
    [Fact]
    public void A_forgotten_studio_is_no_longer_observed()
    {
        var studio = $"gauge-test-{Guid.NewGuid():N}";
        OrchestrationTelemetry.Update(studio, new OrchestrationTelemetry.StudioGauges(StrategyVersion: 3, Agents: 7, Projects: 2));
        Assert.Equal(7, Observe("orchestration.agents.active", studio));

        OrchestrationTelemetry.Forget(studio);

        Assert.Null(Observe("orchestration.agents.active", studio));
    }

    private static long? Observe(string instrument, string studio)
    {
        long? seen = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == OrchestrationTelemetry.Name && i.Name == instrument) l.EnableMeasurementEvents(i);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "studio" && Equals(tag.Value, studio)) seen = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
