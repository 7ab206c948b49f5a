using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// A local HTTP receiver (HttpListener) for webhooks: it records every request (path, headers, body) and answers
/// each path with the status its rule gives (200 unless told otherwise), so a test can make a receiver fail for a
/// while, or forever.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _running;

    public WebhookReceiver()
    {
        Port = MailServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _running = Task.Run(Serve);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";

    /// <summary>The answer for a path, given how many requests that path had before this one.</summary>
    public ConcurrentDictionary<string, Func<int, HttpStatusCode>> Rules { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<Request> Requests { get; } = new();

    public IEnumerable<Request> Accepted(string pathPrefix) =>
        Requests.Where(r => r.Path.StartsWith("/" + pathPrefix.TrimStart('/'), StringComparison.Ordinal) && (int)r.Answer < 300);

    public sealed record Request(string Path, IReadOnlyDictionary<string, string> Headers, string Body, HttpStatusCode Answer, DateTimeOffset At);

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            var before = Requests.Count(r => r.Path == path);
            var answer = Rules.FirstOrDefault(r => path.StartsWith(r.Key, StringComparison.Ordinal)).Value?.Invoke(before) ?? HttpStatusCode.OK;
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new Request(path, headers, body, answer, DateTimeOffset.UtcNow));
            context.Response.StatusCode = (int)answer;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        // Close alone: after Stop, the managed listener binds the port again to close it, and another process may hold it by then.
        _listener.Close();
        try { _running.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
