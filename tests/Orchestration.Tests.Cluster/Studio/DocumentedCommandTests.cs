using System.Text.RegularExpressions;
using Orchestration.Cli;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>
/// Every CLI command the docs show in a code block (`orchestration …`, or `dotnet run --project Client/Orchestration.Cli
/// -- …`) parses: its command exists and its options are the CLI's, with their values. Placeholders ($TOKEN, c3f0…)
/// stand for values; a bracketed part is optional and left out.
/// </summary>
public partial class DocumentedCommandTests
{
    [GeneratedRegex(@"^\s*(?:[A-Z_]+=\$\()?(?:orchestration|dotnet run --project Client/Orchestration\.Cli --) (?<args>.+)$")]
    private static partial Regex Invocation();

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "README.md" }.Concat(Directory.EnumerateFiles(Repository.File("docs"), "*.md").Select(f => Path.GetRelativePath(Repository.Root, f))))
        {
            var inBlock = false;
            foreach (var line in File.ReadLines(Repository.File(file)))
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inBlock = !inBlock;
                else if (inBlock && Invocation().Match(line) is { Success: true } match) data.Add(file, match.Groups["args"].Value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_command_the_docs_show_parses(string file, string example)
    {
        var args = Regex.Replace(example, @"\s#.*$", "")            // a trailing comment
            .Replace("\\", "", StringComparison.Ordinal)               // a line continuation
            .Split(" | ")[0];                                          // a pipe into another program
        args = Regex.Replace(args, @"\[[^\]]*\]", " ");                // optional parts
        var tokens = args.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Trim('"').Replace("$(", "", StringComparison.Ordinal).TrimEnd(')'))
            .Select(t => t.StartsWith('$') || t.EndsWith('…') ? "placeholder" : t)
            .ToArray();

        var errors = CliRoot.Create().Parse(tokens).Errors.Select(e => e.Message).ToList();
        Assert.True(errors.Count == 0, $"{file}: `{example}`: {string.Join("; ", errors)}");
    }
}
