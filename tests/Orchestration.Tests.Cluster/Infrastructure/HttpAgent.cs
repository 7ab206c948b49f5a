using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>A caller of the HTTP API holding one credential: what a Python or TypeScript agent does, in C#.</summary>
public sealed class HttpAgent(Uri baseAddress, string studioId, IssuedCredential credential) : IDisposable
{
    private readonly HttpClient _http = Create(baseAddress, credential.Token);

    public string StudioId { get; } = studioId;

    public IssuedCredential Issued { get; } = credential;

    public string Subject => Issued.Credential.Subject;

    public string Token => Issued.Token;

    public HttpClient Http => _http;

    /// <summary>A path under the studio ("reports/blockers"), or an absolute one ("/v1/…").</summary>
    public string Path(string relative) => relative.StartsWith('/') ? relative : $"/v1/studios/{StudioId}/{relative}".TrimEnd('/');

    public Task<Answer> Get(string path) => Send(HttpMethod.Get, path, null);

    public Task<Answer> Post(string path, object? body = null, string? idempotencyKey = null) => Send(HttpMethod.Post, path, body, idempotencyKey);

    public async Task<Answer> Send(HttpMethod method, string path, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, Path(path));
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers, response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri baseAddress, string token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}

/// <summary>An HTTP answer: status, JSON body (problem details on a refusal), headers.</summary>
public sealed record Answer(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers, string? MediaType)
{
    public string Field => Body.TryGetProperty("field", out var f) ? f.GetString()! : "";

    public string Detail => Body.TryGetProperty("detail", out var d) ? d.GetString()! : "";

    public string Str(string property) => Body.GetProperty(property).GetString()!;

    public Answer Ok()
    {
        Assert.True((int)Status is >= 200 and < 300, $"expected success, got {(int)Status}: {Body}");
        return this;
    }

    public Answer Refused(HttpStatusCode status, string field)
    {
        Assert.True(status == Status, $"expected {(int)status}, got {(int)Status}: {Body}");
        Assert.Equal("application/problem+json", MediaType);
        Assert.Equal(field, Field);
        return this;
    }
}
