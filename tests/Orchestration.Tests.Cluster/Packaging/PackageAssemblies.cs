using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Orchestration.Tests.Cluster.Packaging;

/// <summary>
/// What a package's code uses, read from its assemblies' metadata (the assembly references the compiler wrote), and
/// what each NuGet dependency provides (the assemblies in its <c>lib</c> folder, from the local NuGet cache).
/// </summary>
internal static class PackageAssemblies
{
    private static readonly string[] LibraryFrameworks = ["net10.0", "net9.0", "net8.0", "netstandard2.1", "netstandard2.0"];

    /// <summary>The names of the assemblies the given assembly images reference, or name as Orleans application parts
    /// (<c>[assembly: ApplicationPart("…")]</c>: Orleans loads those by name when it builds its serializer).</summary>
    public static IReadOnlySet<string> ReferencedBy(IEnumerable<byte[]> images)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            using var pe = new PEReader(new MemoryStream(image));
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
                names.Add(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
                var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                if (parent.Kind != HandleKind.TypeReference || metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name) != "ApplicationPartAttribute") continue;
                var blob = metadata.GetBlobReader(attribute.Value);
                blob.ReadUInt16(); // prolog
                if (blob.ReadSerializedString() is { } part) names.Add(part);
            }
        }

        return names;
    }

    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    /// <summary>How many source documents a portable PDB lists, and how many of them it carries embedded.</summary>
    public static (int Documents, int Embedded) SourceDocuments(ZipArchiveEntry pdb)
    {
        using var stream = pdb.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(copy);
        var reader = provider.GetMetadataReader();
        var embedded = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Count(i => i.Parent.Kind == HandleKind.Document && reader.GetGuid(i.Kind) == EmbeddedSource);
        return (reader.Documents.Count, embedded);
    }

    /// <summary>The assembly images under one folder of a package (its <c>lib/net10.0/</c>, or a tool's folder).</summary>
    public static Dictionary<string, byte[]> Images(string nupkg, string folder)
    {
        using var package = ZipFile.OpenRead(nupkg);
        return package.Entries
            .Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName[folder.Length..][..^".dll".Length], e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            }, StringComparer.Ordinal);
    }

    /// <summary>The assembly names a NuGet package's library folder holds (none for a package of build logic only).</summary>
    public static IReadOnlySet<string> ProvidedBy(string id, string version)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var root = Path.Combine(cache, id.ToLowerInvariant(), version.ToLowerInvariant(), "lib");
        var framework = LibraryFrameworks.Select(f => Path.Combine(root, f)).FirstOrDefault(Directory.Exists);
        return framework is null
            ? new HashSet<string>()
            : Directory.GetFiles(framework, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal)!;
    }

    /// <summary>The assemblies reachable from the entry assembly through assembly references, among those given.</summary>
    public static IReadOnlySet<string> ReachableFrom(string entry, IReadOnlyDictionary<string, byte[]> images)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { entry };
        var pending = new Stack<string>([entry]);
        while (pending.TryPop(out var name))
        {
            foreach (var reference in ReferencedBy([images[name]]))
            {
                if (images.ContainsKey(reference) && reached.Add(reference)) pending.Push(reference);
            }
        }

        return reached;
    }
}
