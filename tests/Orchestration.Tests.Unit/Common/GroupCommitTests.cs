using Orchestration.Grains.Common;

namespace Orchestration.Tests.Unit.Common;

public class GroupCommitTests
{
    [Fact]
    public async Task Callers_that_arrive_while_a_write_is_in_flight_share_the_next_one()
    {
        var writes = new List<int>();
        var gate = new TaskCompletionSource();
        var value = 0;
        var commit = new GroupCommit(async () =>
        {
            var captured = value; // what a write holds is decided before its first await
            await gate.Task;
            writes.Add(captured);
        });

        value = 1;
        var first = commit.WriteAsync();
        var later = new List<Task>();
        for (var i = 2; i <= 10; i++)
        {
            value = i;
            later.Add(commit.WriteAsync());
        }

        Assert.False(first.IsCompleted);
        gate.SetResult();
        await Task.WhenAll(later.Append(first));

        Assert.Equal([1, 10], writes); // two writes for ten callers; the second holds every later change
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_the_next_write_still_runs()
    {
        var attempts = 0;
        var gate = new TaskCompletionSource();
        var commit = new GroupCommit(async () =>
        {
            var attempt = ++attempts;
            await gate.Task;
            if (attempt == 1) throw new IOException("storage is down");
        });

        var failed = commit.WriteAsync();
        var next = commit.WriteAsync();
        gate.SetResult();

        await Assert.ThrowsAsync<IOException>(() => failed);
        await next;
        Assert.Equal(2, attempts);
    }
}
