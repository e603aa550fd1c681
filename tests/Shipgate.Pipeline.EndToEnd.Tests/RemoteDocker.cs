using Shipgate.Testing;

namespace Shipgate.Pipeline.EndToEnd.Tests;

/// <summary>The docker CLI against a "remote" engine, over its mutual TLS.</summary>
internal static class RemoteDocker
{
    public static string Run(RemoteDockerEngine engine, params string[] arguments) =>
        ProcessRun.Checked("docker",
            ["--host", engine.Address, "--tlsverify", "--tlscacert", engine.CaCertificateFile, "--tlscert", engine.ClientCertificateFile, "--tlskey", engine.ClientKeyFile, .. arguments],
            RepositoryPaths.Root, TimeSpan.FromMinutes(1));
}
