using Microsoft.Playwright;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// Headless Chromium from the machine's packages (<c>/usr/bin/chromium</c>, installed by .ci/run; Playwright's own
/// download cannot work here), driven by Playwright, one browser for the test run. Each test opens its own context:
/// its own cookies, its own screen size.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run does it)");
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh context (no cookies) at <paramref name="width"/> × <paramref name="height"/>.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height } });
        // A bound, not a wait: on the 2-core CI machine, with other collections restarting silos beside it, a sign-in's
        // navigation once took over 20 s (it takes under a second alone).
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }
}
