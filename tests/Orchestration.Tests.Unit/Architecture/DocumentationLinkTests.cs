using System.Text.RegularExpressions;

namespace Orchestration.Tests.Unit.Architecture;

/// <summary>
/// The repository stands alone: every relative link in its Markdown files (the README, docs/, samples, templates)
/// names a file or folder that is there, and none leads out of the repository.
/// </summary>
public partial class DocumentationLinkTests
{
    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    private static readonly string Root = FindRoot();

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "node_modules" or "bin" or "obj" or "artifacts" or ".git" or "TestResults" or ".local-cluster"))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> MarkdownFiles() => [.. Files()];

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Every_relative_link_resolves_inside_the_repository(string file)
    {
        var text = File.ReadAllText(Path.Combine(Root, file));
        var broken = Link().Matches(text)
            .Select(m => m.Groups["target"].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#') && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(target => (target, path: Path.GetFullPath(Path.Combine(Root, Path.GetDirectoryName(file)!, Uri.UnescapeDataString(target.Split('#')[0])))))
            .Where(link => !link.path.StartsWith(Root, StringComparison.Ordinal) || !(File.Exists(link.path) || Directory.Exists(link.path)))
            .Select(link => link.target)
            .ToList();
        Assert.True(broken.Count == 0, $"{file}: {string.Join(", ", broken)}");
    }

    [Fact]
    public void The_docs_are_found_and_none_points_outside_the_repository()
    {
        Assert.Contains(Path.Combine("docs", "README.md"), Files());
        foreach (var file in Files())
            Assert.DoesNotContain(Path.Combine("..", "shared"), File.ReadAllText(Path.Combine(Root, file)), StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Orchestration.sln"))) root = root.Parent ?? throw new InvalidOperationException("Orchestration.sln not found above the tests");
        return root.FullName + Path.DirectorySeparatorChar;
    }
}
