using System.Text;

namespace Shipgate.Pipeline.CI;

/// <summary>
/// Renders a <see cref="CiPlan"/> as a declarative <c>Jenkinsfile</c>: no pipeline-wide agent (each stage takes an agent
/// with its label and a cleaned workspace; an approval waits without one), an <c>input</c> stage with <c>submitter</c>
/// and a timeout between milestones before a gated deploy (its answer becomes SHIPGATE_APPROVED_BY), artifacts handed on
/// with stash/unstash, credentials bound per stage and only on the deploy branch, <c>when</c> evaluated before the
/// agent and the deploy lock, a lock per job and environment, operations chosen by the OPERATION build parameter.
/// </summary>
public static class JenkinsfileGenerator
{
    /// <summary>Where each stage's reports are copied before archiving, one directory per stage.</summary>
    private const string ArchiveRoot = "stage-archive";

    public const string Path = "Jenkinsfile";

    private const string Release = "release";

    public static string Generate(CiPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        var header = CiHeader.Lines(plan, "Jenkins credentials (secret text), by id", name => $"credentials('{CiNames.CredentialId(name)}') as {name}")
            .Concat(CiHeader.VariableLines(plan, "the agent's or folder's environment variables (Manage Jenkins → Nodes, or folder properties)"));
        foreach (var line in header)
            text.Append(line.Length == 0 ? "//\n" : $"// {line}\n");
        text.Append('\n')
            .Append("pipeline {\n")
            .Append("    // Each stage takes its own agent; the approval waits without holding one.\n")
            .Append("    agent none\n")
            .Append("    options {\n")
            .Append("        buildDiscarder(logRotator(numToKeepStr: '30'))\n")
            .Append("        timestamps()\n")
            .Append("    }\n");
        if (plan.Operations.Count > 0)
            text.Append("    parameters {\n")
                .Append($"        choice(name: 'OPERATION', choices: [{string.Join(", ", plan.Operations.Select(job => Quote(job.Id)).Prepend(Quote(Release)))}], ")
                .Append("description: 'release runs the pipeline; the others promote or roll back by hand')\n")
                .Append("    }\n");
        text.Append("    environment {\n")
            .Append("        DOTNET_NOLOGO = 'true'\n")
            .Append("        DOTNET_CLI_TELEMETRY_OPTOUT = 'true'\n")
            .Append("    }\n")
            .Append("    stages {\n");
        var approvals = 0;
        foreach (var job in plan.AllJobs)
        {
            if (job.Approval is { } approval)
                AppendApproval(text, job, approval, plan, approvals++);
            AppendStage(text, job, plan);
        }

        text.Append("    }\n")
            .Append("}\n");
        return text.ToString();
    }

    // index: the approvals before this one in the file. A build's milestones must rise, and two jobs may need one
    // environment's approval (a deploy, then a held canary's resume), so the stage is named after its job.
    private static void AppendApproval(StringBuilder text, CiJob job, CiApproval approval, CiPlan plan, int index)
    {
        var approvers = string.Join(',', approval.Approvers);
        text.Append($"        stage('approve {job.Id}') {{\n");
        AppendCondition(text, job, plan);
        text.Append("            steps {\n")
            .Append("                // An older build still waiting here is superseded once a newer one passes.\n")
            .Append($"                milestone(ordinal: {(2 * index) + 1}, label: 'before approval')\n")
            .Append("                timeout(time: 7, unit: 'DAYS') {\n")
            .Append("                    script {\n")
            .Append("                        // Only the submitters may approve; Jenkins records who did, and the build passes it on to the release ledger.\n")
            .Append($"                        env.SHIPGATE_APPROVED_BY = input(message: {Quote($"Deploy to {approval.Environment}?")}, ok: 'Approve', ")
            .Append(approvers.Length > 0 ? $"submitter: {Quote(approvers)}, " : "")
            .Append("submitterParameter: 'approver')\n")
            .Append("                    }\n")
            .Append("                }\n")
            .Append($"                milestone(ordinal: {(2 * index) + 2}, label: 'approved')\n")
            .Append("            }\n")
            .Append("        }\n");
    }

    private static void AppendStage(StringBuilder text, CiJob job, CiPlan plan)
    {
        var stage = job.Stage;
        text.Append($"        stage({Quote(stage.Id)}) {{\n")
            .Append(job.Runner.JenkinsLabel is { } label ? $"            agent {{ label {Quote(label)} }}\n" : "            agent any\n");
        AppendCondition(text, job, plan);
        text.Append("            options {\n")
            .Append($"                timeout(time: {(job.Deploys ? 60 : 30)}, unit: 'MINUTES')\n");
        // Lock names are global to the Jenkins instance: the job's name keeps other repositories' deploys apart.
        if (stage.Environment is not null)
            text.Append($"                lock(resource: \"${{env.JOB_NAME}}-deploy-{stage.Environment}\")\n");
        text.Append("            }\n");
        if (stage.SecretNames.Count > 0)
        {
            text.Append("            environment {\n");
            foreach (var secret in stage.SecretNames)
                text.Append($"                {secret} = credentials({Quote(CiNames.CredentialId(secret))})\n");
            text.Append("            }\n");
        }

        text.Append("            steps {\n")
            .Append("                // The workspace may hold an earlier build's artifacts; only the build program and NuGet caches stay.\n")
            .Append("                sh 'git clean -fdx -e .nuke/temp/build-bin'\n");
        foreach (var download in job.Downloads)
            text.Append($"                unstash {Quote(download.Name)}\n");
        text.Append($"                sh {Quote(CiValue.Render(job.Command, value => value.Jenkins))}\n")
            .Append("            }\n");
        // Archived under the stage's own directory: staging and production write the same report paths, and one
        // build's archive holds both.
        var copy = $"{ArchiveRoot}/{stage.Id}";
        string InCopy(IEnumerable<string> globs) => string.Join(',', globs.Select(glob => $"{copy}/{glob}"));
        var archived = stage.TestResultGlobs.Concat(stage.SummaryGlobs).Append("artifacts/ci-summary/**").Distinct(StringComparer.Ordinal).ToList();
        text.Append("            post {\n")
            .Append("                always {\n")
            .Append($"                    sh {Quote($"mkdir -p {copy} && if [ -d artifacts ]; then cp -R artifacts {copy}/; fi")}\n");
        if (stage.TestResultGlobs.Count > 0)
            text.Append($"                    junit testResults: {Quote(InCopy(stage.TestResultGlobs))}, allowEmptyResults: true\n");
        text.Append($"                    archiveArtifacts artifacts: {Quote(InCopy(archived))}, allowEmptyArchive: true\n")
            .Append("                }\n");
        if (stage.Artifacts.Count > 0)
        {
            text.Append("                success {\n");
            foreach (var path in stage.Artifacts)
                text.Append($"                    stash name: {Quote(CiHeader.ArtifactName(stage.Id, path))}, includes: {Quote(path.TrimEnd('/') + "/**")}\n");
            text.Append("                }\n");
        }

        text.Append("            }\n")
            .Append("        }\n");
    }

    /// <summary>Evaluated before the agent and the options (the deploy lock), so a skipped stage takes neither.</summary>
    private static void AppendCondition(StringBuilder text, CiJob job, CiPlan plan)
    {
        var conditions = new List<string>();
        var operation = "(params.OPERATION ?: 'release')";
        switch (job.Trigger)
        {
            case CiTrigger.PullRequests:
                conditions.Add("changeRequest()");
                break;
            case CiTrigger.DeployBranch or CiTrigger.Manual when plan.Pipeline.DeployBranch is { } branch:
                conditions.Add($"branch {Quote(branch)}");
                break;
            case CiTrigger.DeployBranch or CiTrigger.Manual:
                conditions.Add("not { changeRequest() }");
                break;
        }

        if (plan.Operations.Count > 0)
            conditions.Add($"expression {{ {operation} == {Quote(job.Trigger == CiTrigger.Manual ? job.Id : Release)} }}");
        if (conditions.Count == 0)
            return;
        text.Append("            when {\n")
            .Append("                beforeAgent true\n")
            .Append("                beforeOptions true\n");
        foreach (var condition in conditions)
            text.Append($"                {condition}\n");
        text.Append("            }\n");
    }

    /// <summary>A Groovy single-quoted string: no interpolation, so nothing in it is evaluated.</summary>
    private static string Quote(string value) => $"'{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";
}
