using Orchestration.Grains.Agents;
using Orchestration.Grains.Agents.ExperimentTracker;
using Orchestration.Grains.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Producer;

namespace Orchestration.Tests.Unit.Contracts;

/// <summary>One filled-in instance of every serializable contract and state type, every field set.</summary>
internal static class ContractSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(1));
    private static readonly DateOnly Day = new(2026, 12, 15);

    public static readonly StudioStrategy Strategy =
        new("studio-1", 3, ["customer-commitments", "checkout"], ["no friday releases"], "Customers first", "ceo", At, "m-3");

    public static readonly AgentProfile Profile = new("shipper-1", AgentKinds.ProjectShipper, "Shipper", 3, AgentHosting.Hosted, At);

    public static readonly ReportResolution Resolution = new("producer", "Shipped on date", At.AddHours(2));

    public static readonly ReportRecord Report = new(
        "r-1", ReportKind.Risk, "shipper-1", "checkout", "Provider may slip", "A week late", Severity.High, "lead", At,
        Blocks: "launch", Likelihood: 0.25, Mitigation: "Fallback", Resolution: Resolution);

    public static readonly ReceivedMessage Received = new("ack:r-1", nameof(ReportAcknowledged), "producer/studio-1", At, "recorded");

    public static readonly ReleasePlan Release = new("checkout-v2", "checkout", "One-page checkout", Day, ["customer-commitments"]);

    public static readonly ExperimentPlan Experiment = new("exp-1", "checkout", "Green CTA converts", Day, Day.AddDays(21), ["conversion"]);

    public static IEnumerable<object> All()
    {
        yield return new InvalidRequestException("report.summary", "is required");
        yield return Severity.Critical;
        yield return AgentHosting.External;
        yield return ReportKind.Blocker;
        yield return new AgentRegistration("llm-1", AgentKinds.ExperimentTracker, "LLM tracker", 2, AgentHosting.External);
        yield return Profile;
        yield return new JoinStudio("studio-1", "Shipper", 3);
        yield return Received;
        yield return new AgentSnapshot("shipper-1", AgentKinds.ProjectShipper, "studio-1", "Shipper", 3, Strategy, [1, 2, 3], [Received]);
        yield return Experiment;
        yield return Release;
        yield return new StrategyChange("m-3", 3, ["customer-commitments"], ["no friday releases"], "Customers first", "ceo");
        yield return Strategy;
        yield return new BlockerReport("b-1", "tracker-1", "checkout", "Needs 3 weeks", "checkout-v2", "Date at risk", Severity.High, "producer");
        yield return new RiskReport("r-1", "shipper-1", "checkout", "Provider may slip", "A week late", Severity.Medium, "lead", 0.25, "Fallback");
        yield return Report;
        yield return Resolution;
        yield return new ResolveReport("r-1", "producer", "Shipped on date");
        yield return new ReportReceipt("b-1", ReportKind.Blocker, At, WasDuplicate: true);
        yield return new RegistrationReceipt(Profile, Strategy, WasDuplicate: false);
        yield return new StudioOverview("studio-1", 2, 1, 1, Strategy, 42);
        yield return new ReportAcknowledged("ack:b-1", "studio-1", "tracker-1", At, "recorded", "b-1", ReportKind.Blocker);
        yield return new ReportClosed("closed:b-1", "studio-1", "tracker-1", At, "resolved", "b-1", ReportKind.Blocker, Resolution);
        yield return new StrategyBroadcast("m-3", At, Strategy);
        yield return new AgentJoined("studio-1", 1, At, "joined", Profile);
        yield return new ReportRaised("studio-1", 2, At, "raised", Report with { Resolution = null });
        yield return new ReportResolved("studio-1", 3, At, "resolved", Report);
        yield return new StrategyPublished("studio-1", 4, At, "published", Strategy);

        // Grain state is serialized by every storage provider: it is a contract with the data at rest.
        yield return new ProducerState
        {
            Agents = { [Profile.AgentId] = Profile },
            OpenReports = { [Report.ReportId] = Report with { Resolution = null } },
            ResolvedReports = [Report],
            Strategies = [Strategy],
            EventSequence = 7,
        };
        yield return FillAgent(new AgentState());
        yield return FillAgent(new ProjectShipperState { ReleaseQueue = [Release] });
        yield return FillAgent(new ExperimentTrackerState { ExperimentQueue = [Experiment] });
    }

    private static T FillAgent<T>(T state) where T : AgentState
    {
        state.StudioId = "studio-1";
        state.DisplayName = "Agent";
        state.Capacity = 2;
        state.Strategy = Strategy;
        state.AppliedStrategyVersions = [1, 3];
        state.Inbox = [Received];
        state.ProcessedMessageIds = ["ack:r-1"];
        return state;
    }
}
