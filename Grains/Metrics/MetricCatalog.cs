using Orchestration.Grains.Interfaces.Metrics;

namespace Orchestration.Grains.Metrics;

/// <summary>One of the seed's metrics: where it comes from, its unit, and its target (null: tracked, no target).</summary>
public sealed record MetricDefinition(
    string Key, string Name, string Table, MetricSource Source, string Unit, double? Target, bool HigherIsBetter, string TargetText);

/// <summary>The seed's four Tracking Metrics tables, in order. docs/METRICS.md defines each formula.</summary>
public static class MetricCatalog
{
    public const string BusinessAlignment = "Business Alignment";
    public const string ProjectHealth = "Project Health";
    public const string Coordination = "Coordination";
    public const string QualityAndDelivery = "Quality & Delivery";

    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        new("okr-achievement", "OKR Achievement", BusinessAlignment, MetricSource.Computed, "fraction", 0.8, true, ">= 80 %"),
        new("revenue-impact", "Revenue Impact", BusinessAlignment, MetricSource.Reported, "currency", null, true, "Track quarterly"),
        new("user-growth", "User Growth", BusinessAlignment, MetricSource.Reported, "fraction", null, true, "Per business plan"),
        new("strategic-initiative-progress", "Strategic Initiative Progress", BusinessAlignment, MetricSource.Computed, "fraction", 0.9, true, ">= 90 %"),
        new("projects-on-track", "Projects On Track", ProjectHealth, MetricSource.Computed, "fraction", 0.85, true, ">= 85 %"),
        new("risk-resolution-time", "Risk Resolution Time", ProjectHealth, MetricSource.Computed, "days", 5, false, "<= 5 days"),
        new("blocker-escalation-rate", "Blocker Escalation Rate", ProjectHealth, MetricSource.Computed, "fraction", 0.1, false, "<= 10 %"),
        new("agent-utilization", "Agent Utilization", ProjectHealth, MetricSource.Computed, "fraction", null, true, "Even distribution (see evenness)"),
        new("agent-load-evenness", "Agent Utilization evenness (coefficient of variation)", ProjectHealth, MetricSource.Computed, "ratio", 0.25, false, "<= 0.25"),
        new("handoff-success", "Cross-Agent Handoff Success", Coordination, MetricSource.Computed, "fraction", 0.95, true, ">= 95 %"),
        new("stakeholder-satisfaction", "Communication Effectiveness", Coordination, MetricSource.Reported, "score /5", 4, true, ">= 4/5"),
        new("decision-velocity", "Decision Velocity", Coordination, MetricSource.Computed, "days", 2, false, "<= 2 days"),
        new("meeting-efficiency", "Meeting Efficiency", Coordination, MetricSource.Reported, "fraction", 0.8, true, ">= 80 %"),
        new("feature-delivery-rate", "Feature Delivery Rate", QualityAndDelivery, MetricSource.Computed, "features/quarter", null, true, "Per roadmap"),
        new("customer-satisfaction", "Customer Satisfaction (NPS)", QualityAndDelivery, MetricSource.Reported, "NPS", 50, true, ">= 50 NPS"),
        new("technical-debt-ratio", "Technical Debt Ratio", QualityAndDelivery, MetricSource.Computed, "fraction", 0.2, false, "<= 20 %"),
        new("velocity-trend", "Team Velocity Trend", QualityAndDelivery, MetricSource.Computed, "fraction change", -0.1, true, "Stable or improving (>= -10 %)"),
    ];

    public static MetricDefinition? Find(string key) => All.FirstOrDefault(m => m.Key == key);
}
