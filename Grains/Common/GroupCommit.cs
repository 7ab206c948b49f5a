namespace Orchestration.Grains.Common;

/// <summary>
/// Group commit for a reentrant grain: every caller that asks for a write while one is in flight shares the next
/// one, so a busy grain writes once per storage round trip instead of once per call, and each caller still returns
/// only once a write that holds its change has succeeded (or fails with it). One write at a time, in order.
/// </summary>
/// <remarks>
/// Runs on the grain's scheduler, one turn at a time, so it needs no lock. <c>write</c> must capture what it stores
/// before its first await: that is the moment that decides which changes a write holds.
/// </remarks>
public sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>Completes when a write that began after this call has succeeded.</summary>
    public Task WriteAsync()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = _next.Task;
        if (!_writing) _ = Pump();
        return mine;
    }

    private async Task Pump()
    {
        _writing = true;
        try
        {
            while (_next is { } batch)
            {
                _next = null;
                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception e)
                {
                    batch.SetException(e);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
