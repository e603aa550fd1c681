using System.Text;

namespace Shipgate.Pipeline.CI;

/// <summary>
/// Renders a <see cref="CiPlan"/> as a declarative <c>Jenkinsfile</c>: a stage per pipeline stage, an
/// <c>input</c> stage with <c>submitter</c> before a gated deploy (its answer becomes SHIPGATE_APPROVED_BY),
/// credentials bound per stage, JUnit published, artifacts archived (stages share the workspace, so later
/// stages see earlier outputs), deploys serialised by <c>disableConcurrentBuilds</c> and a <c>lock</c> per environment.
/// </summary>
public static class JenkinsfileGenerator
{
    public const string Path = "Jenkinsfile";

    public static string Generate(CiPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        foreach (var line in CiHeader.Lines(plan, "Jenkins credentials (secret text), by id", name => $"credentials('{CiNames.CredentialId(name)}') as {name}"))
            text.Append(line.Length == 0 ? "//\n" : $"// {line}\n");
        text.Append('\n')
            .Append("pipeline {\n")
            .Append("    agent any\n")
            .Append("    options {\n")
            .Append("        disableConcurrentBuilds()\n")
            .Append("        buildDiscarder(logRotator(numToKeepStr: '30'))\n")
            .Append("    }\n")
            .Append("    environment {\n")
            .Append("        DOTNET_NOLOGO = 'true'\n")
            .Append("        DOTNET_CLI_TELEMETRY_OPTOUT = 'true'\n")
            .Append("        // The agent's NuGet cache survives between builds.\n")
            .Append("        NUGET_PACKAGES = \"${env.HOME}/.nuget/packages\"\n")
            .Append("    }\n")
            .Append("    stages {\n");
        foreach (var job in plan.Jobs)
        {
            if (job.Approval is { } approval)
                AppendApproval(text, job, approval, plan);
            AppendStage(text, job, plan);
        }

        text.Append("    }\n")
            .Append("    post {\n")
            .Append("        always {\n")
            .Append("            archiveArtifacts artifacts: 'artifacts/ci-summary/**', allowEmptyArchive: true\n")
            .Append("        }\n")
            .Append("    }\n")
            .Append("}\n");
        return text.ToString();
    }

    private static void AppendApproval(StringBuilder text, CiJob job, CiApproval approval, CiPlan plan)
    {
        var approvers = string.Join(',', approval.Approvers);
        text.Append($"        stage('approve {approval.Environment}') {{\n");
        AppendBranchCondition(text, job, plan);
        text.Append("            steps {\n")
            .Append("                script {\n")
            .Append("                    // Only the submitters may approve; Jenkins records who did, and the build passes it on to the release ledger.\n")
            .Append($"                    env.SHIPGATE_APPROVED_BY = input(message: {Quote($"Deploy to {approval.Environment}?")}, ok: 'Approve', ")
            .Append(approvers.Length > 0 ? $"submitter: {Quote(approvers)}, " : "")
            .Append("submitterParameter: 'approver')\n")
            .Append("                }\n")
            .Append("            }\n")
            .Append("        }\n");
    }

    private static void AppendStage(StringBuilder text, CiJob job, CiPlan plan)
    {
        var stage = job.Stage;
        text.Append($"        stage({Quote(stage.Id)}) {{\n");
        AppendBranchCondition(text, job, plan);
        if (stage.Environment is not null)
            text.Append("            options {\n")
                .Append($"                lock(resource: {Quote($"deploy-{stage.Environment}")})\n")
                .Append("            }\n");
        if (stage.SecretNames.Count > 0)
        {
            text.Append("            environment {\n");
            foreach (var secret in stage.SecretNames)
                text.Append($"                {secret} = credentials({Quote(CiNames.CredentialId(secret))})\n");
            text.Append("            }\n");
        }

        text.Append("            steps {\n")
            .Append($"                sh {Quote(job.Command)}\n")
            .Append("            }\n");
        var archived = stage.Artifacts.Select(path => path.TrimEnd('/') + "/**").Concat(stage.TestResultGlobs).Concat(stage.SummaryGlobs).ToList();
        if (archived.Count > 0)
        {
            text.Append("            post {\n")
                .Append("                always {\n");
            if (stage.TestResultGlobs.Count > 0)
                text.Append($"                    junit testResults: {Quote(string.Join(',', stage.TestResultGlobs))}, allowEmptyResults: true\n");
            text.Append($"                    archiveArtifacts artifacts: {Quote(string.Join(',', archived))}, allowEmptyArchive: true\n")
                .Append("                }\n")
                .Append("            }\n");
        }

        text.Append("        }\n");
    }

    private static void AppendBranchCondition(StringBuilder text, CiJob job, CiPlan plan)
    {
        if (job.Stage.Environment is not null && plan.Pipeline.DeployBranch is { } branch)
            text.Append("            when {\n")
                .Append($"                branch {Quote(branch)}\n")
                .Append("            }\n");
    }

    /// <summary>A Groovy single-quoted string: no interpolation, so nothing in it is evaluated.</summary>
    private static string Quote(string value) => $"'{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";
}
