using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orchestration.Silo.Hosting;
using Orchestration.Tests.Cluster.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>
/// The deployment assets, checked where they cannot be run here (no container engine or Kubernetes API on this
/// machine: docs/OPERATIONS.md says so): the image builds in layers from exactly the projects the silo needs, and the
/// manifests take the cluster's ids from the pod labels, set only settings the silo has, and expose the ports they name.
/// </summary>
public class DeploymentAssetTests
{
    [Fact]
    public void The_image_restores_from_the_silos_project_files_first_and_copies_exactly_what_the_silo_builds_from()
    {
        var dockerfile = File.ReadAllText(Repository.File("deploy", "Dockerfile"));
        var silo = Repository.File("Silo", "Orchestration.Silo.csproj");
        var projects = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(string csproj)
        {
            var relative = Path.GetRelativePath(Repository.Root, csproj).Replace('\\', '/');
            if (!projects.Add(relative)) return;
            foreach (var reference in XDocument.Load(csproj).Descendants("ProjectReference"))
                Walk(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
        }

        Walk(silo);
        var restore = dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
        Assert.True(restore > 0, "the image restores in a layer of its own");
        foreach (var project in projects)
        {
            var copied = dockerfile.IndexOf($"COPY {project} ", StringComparison.Ordinal);
            Assert.True(copied > 0 && copied < restore, $"{project} is copied before the restore");
            var directory = Path.GetDirectoryName(project)!.Replace('\\', '/') + "/";
            Assert.True(dockerfile.IndexOf($"COPY {directory} {directory}", restore, StringComparison.Ordinal) > restore, $"{directory} is copied after the restore");
        }

        var ignored = File.ReadAllLines(Repository.File(".dockerignore"));
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains("deploy/azurite/node_modules/", ignored);
    }

    [Fact]
    public void The_manifests_take_the_ids_from_the_pod_labels_set_only_known_settings_and_expose_the_ports_they_name()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repository.File("deploy", "kubernetes", "silo.yaml"))) yaml.Load(reader);
        var documents = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
        static string Scalar(YamlNode node, params string[] path) =>
            ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)])).Value!;
        static YamlNode Node(YamlNode node, params string[] path) => path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

        var deployment = documents.Single(d => Scalar(d, "kind") == "Deployment");
        var pod = Node(deployment, "spec", "template");
        var labels = ((YamlMappingNode)Node(pod, "metadata", "labels")).Children.ToDictionary(k => ((YamlScalarNode)k.Key).Value!, v => ((YamlScalarNode)v.Value).Value!);
        var container = (YamlMappingNode)((YamlSequenceNode)Node(pod, "spec", "containers")).Children.Single();
        var env = ((YamlSequenceNode)Node(container, "env")).Children.Cast<YamlMappingNode>()
            .ToDictionary(e => Scalar(e, "name"), e => e);

        // The ids: from the labels, for Orleans' Kubernetes hosting and for the silo's own options alike.
        foreach (var (variable, label) in new[] { ("ORLEANS_SERVICE_ID", "orleans/serviceId"), ("ORLEANS_CLUSTER_ID", "orleans/clusterId"),
                     ("Orchestration__ServiceId", "orleans/serviceId"), ("Orchestration__ClusterId", "orleans/clusterId") })
        {
            Assert.True(labels.ContainsKey(label), $"the pod has the label {label}");
            Assert.Equal($"metadata.labels['{label}']", Scalar(env[variable], "valueFrom", "fieldRef", "fieldPath"));
        }

        // Every Orchestration__ setting is one the silo reads.
        var known = SettingPaths(typeof(OrchestrationSiloOptions), OrchestrationSiloOptions.Section).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in env.Keys.Where(k => k.StartsWith("Orchestration__", StringComparison.Ordinal)))
            Assert.Contains(name.Replace("__", ":", StringComparison.Ordinal), known);

        // Services: the HTTP port and the gateway, each pointing at a port the container declares by name.
        var ports = ((YamlSequenceNode)Node(container, "ports")).Children.Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name"), p => Scalar(p, "containerPort"));
        var services = documents.Where(d => Scalar(d, "kind") == "Service").ToList();
        var exposed = services.SelectMany(s => ((YamlSequenceNode)Node(s, "spec", "ports")).Children.Cast<YamlMappingNode>()).ToList();
        Assert.All(exposed, p => Assert.True(ports.ContainsKey(Scalar(p, "targetPort")), $"target port {Scalar(p, "targetPort")} is declared by the container"));
        Assert.Equal(["8080", "30000"], exposed.Select(p => Scalar(p, "port")).Order().Reverse());

        // Secrets named in the manifest are the ones the example and the docs create.
        var secrets = Regex.Matches(File.ReadAllText(Repository.File("deploy", "kubernetes", "silo.yaml")), @"(?:secretName|name): (orchestration-[a-z]+)").Select(m => m.Groups[1].Value);
        var example = File.ReadAllText(Repository.File("deploy", "kubernetes", "storage-secret.example.yaml"));
        Assert.Contains("stream-signing-key", example, StringComparison.Ordinal);
        Assert.Contains("orchestration-tls", File.ReadAllText(Repository.File("docs", "OPERATIONS.md")), StringComparison.Ordinal);
        Assert.Contains("orchestration-storage", secrets);
    }

    [Fact]
    public void The_pod_is_production_ready_a_versioned_image_probes_at_start_least_privilege_and_bounded_resources()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repository.File("deploy", "kubernetes", "silo.yaml"))) yaml.Load(reader);
        var deployment = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => Text(d, "kind") == "Deployment");
        var pod = Map(deployment, "spec", "template", "spec");
        var container = (YamlMappingNode)((YamlSequenceNode)pod.Children[new YamlScalarNode("containers")]).Children.Single();

        Assert.DoesNotMatch(@":latest$|^[^:]+$", Text(container, "image")); // a version, never latest (nor no tag)
        Assert.True(int.Parse(Text(pod, "terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture) >= 60, "the pod waits for the silo to leave the cluster");
        Assert.Equal("/health/ready", Text(container, "startupProbe", "httpGet", "path"));
        Assert.Equal("/health/live", Text(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("/health/ready", Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal(("true", "RuntimeDefault"), (Text(pod, "securityContext", "runAsNonRoot"), Text(pod, "securityContext", "seccompProfile", "type")));
        Assert.Equal(("true", "false"), (Text(container, "securityContext", "readOnlyRootFilesystem"), Text(container, "securityContext", "allowPrivilegeEscalation")));
        Assert.Equal("ALL", Assert.Single(((YamlSequenceNode)Map(container, "securityContext", "capabilities").Children[new YamlScalarNode("drop")]).Children).ToString());
        foreach (var (kind, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory") })
            Assert.False(string.IsNullOrEmpty(Text(container, "resources", kind, resource)), $"resources.{kind}.{resource} is set");

        var dockerfile = File.ReadAllText(Repository.File("deploy", "Dockerfile"));
        Assert.Matches(@"HEALTHCHECK .*CMD \[""dotnet"", ""Orchestration.Silo.dll"", ""health""\]", dockerfile);
        Assert.Contains("USER app", dockerfile, StringComparison.Ordinal);

        static YamlMappingNode Map(YamlNode node, params string[] path) => (YamlMappingNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);
        static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)])).Value!;
    }

    private static IEnumerable<string> SettingPaths(Type type, string prefix)
    {
        foreach (var property in type.GetProperties().Where(p => p.CanWrite || p.PropertyType.IsClass && p.PropertyType != typeof(string)))
        {
            var path = $"{prefix}:{property.Name}";
            yield return path;
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsArray)
                foreach (var nested in SettingPaths(property.PropertyType, path)) yield return nested;
        }
    }
}
