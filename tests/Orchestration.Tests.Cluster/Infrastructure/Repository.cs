namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>Files of the repository the tests check against (committed documents, samples).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Where a project of the solution put its build output, in the configuration the tests were built in.</summary>
    public static string Output(string projectDirectory, string file) =>
        Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0", file);

    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/{configuration}/net10.0/

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Orchestration.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Orchestration.sln) is not above the test's directory");
    }
}
