using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Reports;

namespace Orchestration.Tests.Unit.Reports;

public class ReportRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static readonly BlockerReport Blocker =
        new("b-1", "tracker-1", "checkout", "Test needs 3 more weeks", "checkout-v2", "Release date at risk", Severity.High, "producer");

    private static readonly RiskReport Risk =
        new("r-1", "shipper-1", "checkout", "Payment provider may slip", "Launch slips a week", Severity.Medium, "shipper lead", 0.3, "Fallback provider");

    [Fact]
    public void A_blocker_becomes_an_open_record_with_every_field()
    {
        var record = ReportRules.Blocker(Blocker, Now);

        Assert.Equal(new ReportRecord("b-1", ReportKind.Blocker, "tracker-1", "checkout", "Test needs 3 more weeks", "Release date at risk",
            Severity.High, "producer", Now, Blocks: "checkout-v2"), record);
        Assert.True(record.IsOpen);
    }

    [Fact]
    public void A_risk_keeps_its_likelihood_and_mitigation()
    {
        var record = ReportRules.Risk(Risk, Now);
        Assert.Equal((ReportKind.Risk, 0.3, "Fallback provider", (string?)null), (record.Kind, record.Likelihood!.Value, record.Mitigation, record.Blocks));
    }

    [Theory]
    [InlineData("blocks")]
    [InlineData("summary")]
    [InlineData("impact")]
    [InlineData("owner")]
    public void Refuses_a_blocker_with_a_missing_field(string field)
    {
        var report = field switch
        {
            "blocks" => Blocker with { Blocks = "" },
            "summary" => Blocker with { Summary = " " },
            "impact" => Blocker with { Impact = null! },
            _ => Blocker with { Owner = "" },
        };

        Assert.Equal($"report.{field}", Assert.Throws<InvalidRequestException>(() => ReportRules.Blocker(report, Now)).Field);
    }

    [Fact]
    public void Refuses_a_risk_likelihood_outside_zero_to_one() =>
        Assert.Equal("report.likelihood", Assert.Throws<InvalidRequestException>(() => ReportRules.Risk(Risk with { Likelihood = 1.5 }, Now)).Field);

    [Fact]
    public void Refuses_a_missing_report() =>
        Assert.Equal("report", Assert.Throws<InvalidRequestException>(() => ReportRules.Blocker(null, Now)).Field);

    [Fact]
    public void Resolving_records_who_how_and_when()
    {
        var resolved = ReportRules.Resolve(ReportRules.Blocker(Blocker, Now), new ResolveReport("b-1", "producer", "Shipped on date"), Now.AddHours(3));

        Assert.False(resolved.IsOpen);
        Assert.Equal(new ReportResolution("producer", "Shipped on date", Now.AddHours(3)), resolved.Resolution);
    }

    [Fact]
    public void A_retry_is_the_same_report_whatever_its_time_or_resolution()
    {
        var recorded = ReportRules.Resolve(ReportRules.Blocker(Blocker, Now), new ResolveReport("b-1", "p", "done"), Now);

        Assert.True(ReportRules.SameReport(recorded, ReportRules.Blocker(Blocker, Now.AddMinutes(5))));
        Assert.False(ReportRules.SameReport(recorded, ReportRules.Blocker(Blocker with { Severity = Severity.Low }, Now)));
    }
}
