namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>Files of the repository the tests check against (committed documents, samples).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Orchestration.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Orchestration.sln) is not above the test's directory");
    }
}
