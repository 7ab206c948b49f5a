using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Gateway;

/// <summary>
/// The operator's side, end to end on a real silo process: the CLI issues a credential over the Orleans gateway, the
/// silo's own web host serves the HTTP API and the OpenAPI reference with it, the list never shows a token, and a
/// revocation stops the token at the next request.
/// </summary>
public class CredentialCliTests
{
    private static Task<(int Code, string Out, string Error)> Cli(params string[] args) => CliProcess.RunAsync(args);

    [Fact]
    public async Task An_operator_issues_lists_and_revokes_a_credential_with_the_CLI_and_the_silo_serves_it()
    {
        await using var silo = await SiloProcess.StartAsync();
        var gateway = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, issued, error) = await Cli("credentials", "issue", "--subject", "py-tracker", "--role", "agent", "--by", "olivia", "--gateway", gateway, "--json");
        Assert.True(code == 0, error);
        using var credential = JsonDocument.Parse(issued);
        var token = credential.RootElement.GetProperty("token").GetString()!;
        var id = credential.RootElement.GetProperty("credential").GetProperty("credentialId").GetString()!;

        using var http = new HttpClient { BaseAddress = silo.Http };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = JsonDocument.Parse(await http.GetStringAsync("/v1/studios/default/me")).RootElement;
        Assert.Equal(("py-tracker", "agent"), (me.GetProperty("subject").GetString(), me.GetProperty("role").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/")).StatusCode); // the browsable reference

        var (_, list, _) = await Cli("credentials", "list", "--gateway", gateway);
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.Contains("py-tracker", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[3], list, StringComparison.Ordinal);

        var (revokeCode, revoked, _) = await Cli("credentials", "revoke", id, "--by", "olivia", "--gateway", gateway);
        Assert.Equal(0, revokeCode);
        Assert.StartsWith($"revoked: {id} (py-tracker, agent)", revoked.Trim(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/studios/default/me")).StatusCode);
        Assert.DoesNotContain(token.Split('.')[3], silo.Output, StringComparison.Ordinal);
    }
}
