using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Portfolio;

namespace Orchestration.Tests.Unit.Portfolio;

public class PeriodChangesTests
{
    private static readonly DateTimeOffset Since = new(2026, 10, 12, 0, 0, 0, TimeSpan.Zero); // Monday of 2026-W42

    private static Project Checkout(params WeeklyStatus[] history) =>
        new("checkout", "Checkout", ["shipper"], [], null, ProjectStatus.Green, "declared", history, ReviewCadence.Weekly, null, 0, null, [], []);

    private static ProjectStatusReported Report(long sequence, int day, ProjectStatus status, string reason = "why") =>
        new("s", sequence, Since.AddDays(day), "", "checkout", status, reason, "shipper");

    [Fact]
    public void A_report_repeating_the_status_before_it_is_not_a_change_and_each_move_is_one()
    {
        var projects = new Dictionary<string, Project> { ["checkout"] = Checkout(new WeeklyStatus("2026-W41", ProjectStatus.Yellow, "late")) };

        var changes = PeriodChanges.StatusChanges(
            [Report(1, 0, ProjectStatus.Yellow), Report(2, 1, ProjectStatus.Red, "slipping"), Report(3, 2, ProjectStatus.Red), Report(4, 3, ProjectStatus.Green, "recovered")],
            projects, Since);

        // Yellow the week before, so the first yellow report is no change.
        Assert.Equal([(ProjectStatus.Yellow, ProjectStatus.Red, "slipping"), (ProjectStatus.Red, ProjectStatus.Green, "recovered")],
            changes.Select(c => (c.From!.Value, c.To, c.Reason)));
        Assert.All(changes, c => Assert.Equal(("Checkout", "shipper"), (c.ProjectName, c.ReportedBy)));
    }

    [Fact]
    public void Without_an_earlier_week_a_project_starts_green_and_reports_before_the_period_are_left_out()
    {
        var projects = new Dictionary<string, Project> { ["checkout"] = Checkout() };

        var changes = PeriodChanges.StatusChanges([Report(1, -2, ProjectStatus.Red), Report(2, 1, ProjectStatus.Yellow)], projects, Since);

        var change = Assert.Single(changes);
        Assert.Equal((ProjectStatus.Green, ProjectStatus.Yellow), (change.From, change.To));
    }
}
