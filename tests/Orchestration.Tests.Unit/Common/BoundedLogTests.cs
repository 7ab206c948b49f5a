using Orchestration.Grains.Common;

namespace Orchestration.Tests.Unit.Common;

public class BoundedLogTests
{
    [Fact]
    public void Keeps_the_newest_entries_in_order()
    {
        var log = new List<int>();
        for (var i = 1; i <= 5; i++) BoundedLog.Append(log, i, capacity: 3);
        Assert.Equal([3, 4, 5], log);
    }
}
