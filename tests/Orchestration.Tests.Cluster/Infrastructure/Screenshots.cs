using Microsoft.Playwright;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// Screenshots the browser tests take of the console's pages: into a temporary folder on every run (a failed run's
/// are there to look at), and into docs/images for the README when <c>ORCHESTRATION_SCREENSHOTS=docs</c> is set.
/// </summary>
public static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("ORCHESTRATION_SCREENSHOTS") == "docs"
            ? Repository.File("docs", "images")
            : Path.Combine(Path.GetTempPath(), "orchestration-screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }
}
