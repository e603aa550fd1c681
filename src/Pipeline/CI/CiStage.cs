namespace Shipgate.Pipeline.CI;

/// <summary>
/// One stage of a <see cref="CiPipeline"/>: one GitHub job, one GitLab job, one Jenkins stage.
/// It runs <c>./build.sh TARGETS ARGUMENTS</c>; what it produces is handed to the stages that need it.
/// </summary>
public sealed class CiStage
{
    private readonly List<string> _targets = [];
    private readonly List<string> _arguments = [];
    private readonly List<string> _needs = [];
    private readonly List<string> _secrets = [];
    private readonly List<string> _artifacts = [];
    private readonly List<string> _testResults = [];
    private readonly List<string> _summaries = [];
    private readonly List<string> _variables = [];
    private readonly List<string> _without = [];

    internal CiStage(string id) => Id = id;

    /// <summary>The job's id in every system (<c>lint</c>, <c>deploy-production</c>).</summary>
    public string Id { get; }

    /// <summary>The environment this stage deploys to; deploys to one environment never overlap.</summary>
    public string? Environment { get; private set; }

    /// <summary>The environment's URL, shown by GitHub and GitLab next to the deployment.</summary>
    public string? EnvironmentUrl { get; private set; }

    public IReadOnlyList<string> Targets => _targets;

    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>Stage ids that must succeed first; their artifacts are handed to this stage.</summary>
    public IReadOnlyList<string> NeedsStages => _needs;

    /// <summary>Environment variable names filled from the system's secret store, never inlined.</summary>
    public IReadOnlyList<string> SecretNames => _secrets;

    /// <summary>
    /// Non-secret CI variables the job reads (an environment's engine, registry, Prometheus): <c>vars.NAME</c> on
    /// GitHub (environment-scoped there and on GitLab), CI/CD variables on GitLab, the agent's or folder's environment on Jenkins.
    /// </summary>
    public IReadOnlyList<string> VariableNames => _variables;

    /// <summary>Targets the job's command skips although its targets pull them in: the runner already provides what they do.</summary>
    public IReadOnlyList<string> WithoutTargets => _without;

    /// <summary>Where the job runs; null: the pipeline's runner.</summary>
    public CiRunner? Runner { get; private set; }

    /// <summary>Runs only for pull (merge) requests: a rehearsal of the deploy path before the merge.</summary>
    public bool PullRequestsOnly { get; private set; }

    /// <summary>Paths (files or directories, relative to the root) kept after the stage and handed on.</summary>
    public IReadOnlyList<string> Artifacts => _artifacts;

    /// <summary>JUnit XML globs published as test reports (GitLab, Jenkins) and kept as artifacts.</summary>
    public IReadOnlyList<string> TestResultGlobs => _testResults;

    /// <summary>Markdown globs appended to the job summary (GitHub) and kept as artifacts.</summary>
    public IReadOnlyList<string> SummaryGlobs => _summaries;

    /// <summary>The targets <c>./build.sh</c> runs in this stage, by name.</summary>
    public CiStage Runs(params string[] targets) => Add(_targets, targets);

    /// <summary>Arguments after the targets, e.g. <c>With("--environment", "staging")</c>.</summary>
    public CiStage With(params string[] arguments) => Add(_arguments, arguments);

    /// <summary>An argument each system fills in, e.g. <c>With("--version", CiValue.CommitSha)</c>.</summary>
    public CiStage With(string option, CiValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(_arguments, [option, value.Placeholder]);
    }

    public CiStage Needs(params string[] stageIds) => Add(_needs, stageIds);

    /// <summary>Non-secret variables this stage reads, as environment variable names (<c>STAGING_DOCKER_HOST</c>).</summary>
    public CiStage Variables(params string[] environmentVariables)
    {
        foreach (var name in environmentVariables)
            CiNames.ThrowIfInvalidVariable(name);
        return Add(_variables, environmentVariables);
    }

    /// <summary>Skips these targets in this stage (e.g. <c>Without("Prerequisites")</c> on a runner provisioned once).</summary>
    public CiStage Without(params string[] targets) => Add(_without, targets);

    /// <summary>Runs this stage's job on <paramref name="runner"/> instead of the pipeline's.</summary>
    public CiStage On(CiRunner runner)
    {
        Runner = runner;
        return this;
    }

    /// <summary>Only for pull (merge) requests, e.g. a rehearsal deploy to the embedded stack on the runner.</summary>
    public CiStage ForPullRequestsOnly()
    {
        PullRequestsOnly = true;
        return this;
    }

    /// <summary>Secrets this stage needs, as environment variable names (<c>REGISTRY_PASSWORD</c>).</summary>
    public CiStage Secrets(params string[] environmentVariables)
    {
        foreach (var name in environmentVariables)
            CiNames.ThrowIfInvalidVariable(name);
        return Add(_secrets, environmentVariables);
    }

    public CiStage Produces(params string[] paths) => Add(_artifacts, paths);

    public CiStage TestResults(params string[] junitGlobs) => Add(_testResults, junitGlobs);

    public CiStage Summary(params string[] markdownGlobs) => Add(_summaries, markdownGlobs);

    /// <summary>Marks a deploy: the job is bound to the environment, serialised per environment, and gated by its approvals.</summary>
    public CiStage Deploys(string environment, string? url = null)
    {
        CiNames.ThrowIfInvalid(environment, "environment");
        Environment = environment;
        EnvironmentUrl = url;
        return this;
    }

    /// <summary>The command line every system runs.</summary>
    public string Command => string.Join(' ', new[] { "./build.sh" }.Concat(_targets).Concat(_arguments));

    private CiStage Add(List<string> list, string[] values)
    {
        list.AddRange(values);
        return this;
    }
}
