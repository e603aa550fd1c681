namespace Shipgate.Pipeline.Hosts;

/// <summary>Writes a job's Markdown summary to <c>artifacts/ci-summary/JOB.md</c> under the CI workspace.</summary>
internal static class SummaryFile
{
    public static string? Write(IReadOnlyDictionary<string, string> environment, string workspaceVariable, string job, string markdown)
    {
        var workspace = CiMetadata.Get(environment, workspaceVariable) ?? Directory.GetCurrentDirectory();
        var safeJob = string.Concat(job.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        var path = Path.Combine(workspace, "artifacts", "ci-summary", safeJob + ".md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, markdown);
        return path;
    }
}
