namespace Shipgate.Pipeline.CI;

/// <summary>
/// A build's CI declaration: the stages its pipeline runs, each invoking targets of the same build
/// through <c>./build.sh</c>. One declaration produces the GitHub Actions workflow, <c>.gitlab-ci.yml</c>
/// and the <c>Jenkinsfile</c> (see <see cref="CiFiles"/>).
/// <code>
/// CiPipeline.Named("release").OnPushTo("main").OnPullRequestTo("main")
///     .Stage("lint", s => s.Runs("Lint"))
///     .Stage("test", s => s.Runs("Test").Needs("lint").TestResults("artifacts/test-results/*.xml"))
///     .Stage("production", s => s.Runs("Deploy", "Verify").With("--environment", "production").Deploys("production"));
/// </code>
/// </summary>
public sealed class CiPipeline
{
    private readonly List<CiStage> _stages = [];
    private readonly List<string> _pushBranches = [];
    private readonly List<string> _pullRequestBranches = [];
    private readonly List<CiStage> _operations = [];
    private readonly List<string> _everyJobRuns = [];

    private CiPipeline(string name) => Name = name;

    /// <summary>The workflow's name; also its file name, <c>.github/workflows/NAME.yml</c>.</summary>
    public string Name { get; }

    /// <summary>Where jobs run unless a stage says otherwise (<see cref="CiStage.On"/>).</summary>
    public CiRunner Runner { get; private set; } = new();

    /// <summary>Deploy stages run only for commits on this branch (never for pull requests); null: any branch.</summary>
    public string? DeployBranch { get; private set; }

    public IReadOnlyList<string> PushBranches => _pushBranches;

    public IReadOnlyList<string> PullRequestBranches => _pullRequestBranches;

    public IReadOnlyList<CiStage> Stages => _stages;

    /// <summary>Jobs started by hand only (Promote, Rollback for on-call): never part of a push or pull request pipeline.</summary>
    public IReadOnlyList<CiStage> Operations => _operations;

    /// <summary>Targets every job runs again even when an earlier job ran them: they prepare the runner (e.g. <c>Up</c>).</summary>
    public IReadOnlyList<string> EveryJobRunsTargets => _everyJobRuns;

    public static CiPipeline Named(string name)
    {
        CiNames.ThrowIfInvalid(name, "pipeline name");
        return new CiPipeline(name);
    }

    public CiPipeline OnPushTo(params string[] branches)
    {
        _pushBranches.AddRange(branches);
        return this;
    }

    public CiPipeline OnPullRequestTo(params string[] branches)
    {
        _pullRequestBranches.AddRange(branches);
        return this;
    }

    public CiPipeline DeployFrom(string branch)
    {
        DeployBranch = branch;
        return this;
    }

    /// <summary>Where jobs run unless a stage names its own runner.</summary>
    public CiPipeline RunsOn(CiRunner runner)
    {
        Runner = runner ?? throw new ArgumentNullException(nameof(runner));
        return this;
    }

    public CiPipeline EveryJobRuns(params string[] targets)
    {
        _everyJobRuns.AddRange(targets);
        return this;
    }

    /// <summary>
    /// Adds a job started by hand (a GitHub <c>workflow_dispatch</c> input, a GitLab manual job, a Jenkins build
    /// parameter), on the deploy branch only: Promote or Rollback of an environment, for a paused release or on-call.
    /// </summary>
    public CiPipeline Operation(string id, Action<CiStage> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        CiNames.ThrowIfInvalid(id, "stage id");
        if (_stages.Concat(_operations).Any(stage => stage.Id == id))
            throw new CiDeclarationException($"Stage '{id}' is declared twice in pipeline '{Name}'.");
        var operation = new CiStage(id);
        configure(operation);
        _operations.Add(operation);
        return this;
    }

    /// <summary>Adds a stage; stages run in declaration order unless <see cref="CiStage.Needs"/> says otherwise.</summary>
    public CiPipeline Stage(string id, Action<CiStage> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        CiNames.ThrowIfInvalid(id, "stage id");
        if (_stages.Concat(_operations).Any(stage => stage.Id == id))
            throw new CiDeclarationException($"Stage '{id}' is declared twice in pipeline '{Name}'.");
        var stage = new CiStage(id);
        configure(stage);
        _stages.Add(stage);
        return this;
    }
}
