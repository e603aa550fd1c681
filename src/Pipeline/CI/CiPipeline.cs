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

    private CiPipeline(string name) => Name = name;

    /// <summary>The workflow's name; also its file name, <c>.github/workflows/NAME.yml</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The container image GitLab jobs run in; null: the runner's default (build.sh installs the SDK when it is missing).
    /// GitHub uses <see cref="RunsOn"/>, Jenkins its agents.
    /// </summary>
    public string? GitLabImage { get; private set; }

    /// <summary>The GitHub runner label.</summary>
    public string RunsOn { get; private set; } = "ubuntu-latest";

    /// <summary>Deploy stages run only for commits on this branch (never for pull requests); null: any branch.</summary>
    public string? DeployBranch { get; private set; }

    public IReadOnlyList<string> PushBranches => _pushBranches;

    public IReadOnlyList<string> PullRequestBranches => _pullRequestBranches;

    public IReadOnlyList<CiStage> Stages => _stages;

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

    public CiPipeline WithGitLabImage(string image)
    {
        GitLabImage = image;
        return this;
    }

    public CiPipeline WithRunner(string label)
    {
        RunsOn = label;
        return this;
    }

    /// <summary>Adds a stage; stages run in declaration order unless <see cref="CiStage.Needs"/> says otherwise.</summary>
    public CiPipeline Stage(string id, Action<CiStage> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        CiNames.ThrowIfInvalid(id, "stage id");
        if (_stages.Any(stage => stage.Id == id))
            throw new CiDeclarationException($"Stage '{id}' is declared twice in pipeline '{Name}'.");
        var stage = new CiStage(id);
        configure(stage);
        _stages.Add(stage);
        return this;
    }
}
