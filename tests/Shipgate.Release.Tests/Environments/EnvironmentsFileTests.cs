using Shipgate.Core.Yaml;
using Shipgate.Gates.Model;
using Shipgate.Release.Environments;

namespace Shipgate.Release.Tests.Environments;

public sealed class EnvironmentsFileTests
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["STAGING_HOST"] = "tcp://127.0.0.1:23760",
        ["CERTS"] = "/etc/shipgate/certs",
    };

    private const string Staging = """
        environments:
          local:
            local: true
          staging:
            engine:
              endpoint: ${STAGING_HOST}
              tls: { ca: "${CERTS}/ca.pem", cert: "${CERTS}/cert.pem", key: "${CERTS}/key.pem" }
            platform: swarm
            replicas: 3
            registry: { host: 127.0.0.1:5000, username: ci, passwordSecret: REGISTRY_PASSWORD }
            prometheus: { url: "http://127.0.0.1:9090", tokenSecret: PROMETHEUS_TOKEN }
            policy: pause
            approvers: [alice, bob]
        """;

    [Fact]
    public void An_environment_says_where_its_engine_registry_and_Prometheus_are()
    {
        var staging = EnvironmentsFile.Parse(Staging, "environments.yaml", Variables)["staging"];

        Assert.False(staging.IsLocal);
        Assert.Equal(new Uri("tcp://127.0.0.1:23760"), staging.Engine);
        Assert.Equal(new EngineTlsFiles("/etc/shipgate/certs/ca.pem", "/etc/shipgate/certs/cert.pem", "/etc/shipgate/certs/key.pem"), staging.EngineTls);
        Assert.Equal(PlatformKind.Swarm, staging.Platform);
        Assert.Equal(3, staging.Replicas);
        Assert.Equal("127.0.0.1:5000", staging.Registry);
        Assert.Equal("REGISTRY_PASSWORD", staging.RegistryPasswordSecret);
        Assert.Equal(new Uri("http://127.0.0.1:9090"), staging.Prometheus);
        Assert.Equal(InconclusivePolicy.Pause, staging.Policy);
        Assert.Equal(["alice", "bob"], staging.Approvers);
    }

    [Fact]
    public void Only_the_deployed_environments_variables_must_be_set()
    {
        var path = Path.Combine(Path.GetTempPath(), $"environments-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Staging);
        try
        {
            Assert.True(EnvironmentsFile.Load(path, "local", new Dictionary<string, string>()).IsLocal);
            var error = Assert.Throws<YamlFileException>(() => EnvironmentsFile.Load(path, "staging", new Dictionary<string, string>()));
            Assert.Equal((6L, 17L), (error.Line, error.Column));
            Assert.Contains("${STAGING_HOST}, which is not set", error.Message, StringComparison.Ordinal);
            Assert.Contains("no environment 'prod'", Assert.Throws<YamlFileException>(() => EnvironmentsFile.Load(path, "prod", Variables)).Message, StringComparison.Ordinal);
            Assert.Equal(["alice", "bob"], EnvironmentsFile.Approvers(path)["staging"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("environments:\n  staging:\n    engin: {endpoint: tcp://h:1}\n", 3, 5, "unknown key 'engin' in environment 'staging'; did you mean 'engine'?")]
    [InlineData("environments:\n  staging:\n    platform: k8s\n    local: true\n", 3, 15, "'platform' must be one of docker, swarm, not 'k8s'")]
    [InlineData("environments:\n  staging:\n    replicas: 1\n", 3, 5, "environment 'staging' needs 'engine'")]
    [InlineData("environments:\n  staging:\n    engine: {endpoint: http://h:1}\n", 3, 13, "'endpoint' must be an absolute unix:// or tcp:// address")]
    [InlineData("environments:\n  Staging:\n    local: true\n", 2, 3, "'Staging' is not an environment name")]
    [InlineData("environments:\n  s:\n    local: true\n    replicas: 0\n", 3, 5, "'replicas' must be at least 1")]
    [InlineData("environment:\n  s:\n    local: true\n", 1, 1, "unknown key 'environment' in the environments file; did you mean 'environments'?")]
    public void Mistakes_name_file_line_and_column(string text, long line, long column, string problem)
    {
        var error = Assert.Throws<YamlFileException>(() => EnvironmentsFile.Parse(text, "deploy/environments.yaml", Variables));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"deploy/environments.yaml:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repositorys_own_environments_file_parses()
    {
        var path = Path.Combine(Shipgate.Testing.RepositoryPaths.Root, "deploy", "environments.yaml");
        var all = new Dictionary<string, string>
        {
            ["STAGING_DOCKER_HOST"] = "tcp://127.0.0.1:1",
            ["STAGING_DOCKER_CERT_PATH"] = "/c",
            ["STAGING_PROMETHEUS_URL"] = "http://127.0.0.1:2",
            ["PRODUCTION_DOCKER_HOST"] = "tcp://127.0.0.1:3",
            ["PRODUCTION_DOCKER_CERT_PATH"] = "/d",
            ["PRODUCTION_PROMETHEUS_URL"] = "http://127.0.0.1:4",
            ["REGISTRY_HOST"] = "127.0.0.1:5000",
            ["REGISTRY_USERNAME"] = "ci",
        };

        var environments = EnvironmentsFile.Parse(File.ReadAllText(path), path, all);

        Assert.True(environments["local"].IsLocal);
        Assert.Equal(["release-managers"], environments["production"].Approvers);
    }
}
