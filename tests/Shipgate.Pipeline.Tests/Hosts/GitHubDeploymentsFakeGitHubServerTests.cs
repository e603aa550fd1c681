using Shipgate.Pipeline.Approvals;
using Shipgate.Pipeline.Hosts.GitHub;

namespace Shipgate.Pipeline.Tests.Hosts;

/// <summary>Octokit against <see cref="FakeGitHubServer"/>, a recording HTTP server on 127.0.0.1: there is no GitHub here.</summary>
public class GitHubDeploymentsFakeGitHubServerTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private static string Respond(string method, string path) => (method, path) switch
    {
        ("POST", "/repos/acme/shop/deployments") => """{"id": 101, "sha": "0123456789abcdef0123456789abcdef01234567", "environment": "production"}""",
        ("POST", "/repos/acme/shop/deployments/101/statuses") => """{"id": 7, "state": "in_progress"}""",
        ("POST", _) when path.StartsWith("/repos/acme/shop/statuses/", StringComparison.Ordinal) => """{"id": 9, "state": "pending", "context": "shipgate/production"}""",
        ("GET", "/repos/acme/shop/actions/runs/42/approvals") => """
            [{"state": "approved", "comment": "ship it", "user": {"login": "alice", "id": 1},
              "environments": [{"id": 5, "name": "production"}]}]
            """,
        _ => "{}",
    };

    [Fact]
    public async Task A_release_that_succeeds_goes_in_progress_then_success_with_commit_statuses_on_FakeGitHubServer()
    {
        using var server = new FakeGitHubServer(Respond);
        var deployments = new GitHubDeployments(GitHubConnection.Create(server.Url, "test-token", "acme", "shop"));

        var deployment = await deployments.StartAsync("production", Commit, "r-17", new Uri("https://github.example.test/acme/shop/actions/runs/42"));
        await deployments.SucceedAsync(deployment, "All 4 gates passed", new Uri("https://shop.example.test"));

        var requests = server.Requests;
        Assert.Equal(
            ["POST /repos/acme/shop/deployments", "POST /repos/acme/shop/deployments/101/statuses", $"POST /repos/acme/shop/statuses/{Commit}",
             "POST /repos/acme/shop/deployments/101/statuses", $"POST /repos/acme/shop/statuses/{Commit}"],
            requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(requests, r => Assert.Equal("Token test-token", r.Authorization));
        Assert.Equal((Commit, "production"), (requests[0].Field("ref"), requests[0].Field("environment")));
        Assert.Equal(("in_progress", "pending"), (requests[1].Field("state"), requests[2].Field("state")));
        Assert.Equal(("success", "success"), (requests[3].Field("state"), requests[4].Field("state")));
        Assert.Equal("https://shop.example.test/", requests[3].Field("environment_url"));
        Assert.Equal("shipgate/production", requests[4].Field("context"));
        Assert.Equal("https://github.example.test/acme/shop/actions/runs/42", requests[4].Field("target_url"));
    }

    [Fact]
    public async Task A_rolled_back_release_fails_with_the_gate_summary_cut_to_GitHubs_limit_on_FakeGitHubServer()
    {
        using var server = new FakeGitHubServer(Respond);
        var deployments = new GitHubDeployments(GitHubConnection.Create(server.Url, "test-token", "acme", "shop"));
        var summary = "Rolled back: error-rate 4.2% > 1% (3 of 3 measurements failed)\nlatency-p99 ok\n" + new string('x', 200);

        var deployment = await deployments.StartAsync("production", Commit, "r-18", null);
        await deployments.FailAsync(deployment, summary);

        var failure = server.Requests[3];
        var commitStatus = server.Requests[4];
        Assert.Equal(("failure", "failure"), (failure.Field("state"), commitStatus.Field("state")));
        Assert.StartsWith("Rolled back: error-rate 4.2% > 1% (3 of 3 measurements failed) latency-p99 ok", failure.Field("description"), StringComparison.Ordinal);
        Assert.Equal(140, failure.Field("description").Length);
        Assert.Equal(failure.Field("description"), commitStatus.Field("description"));
    }

    /// <summary>GitHub as an Actions job in the production environment sees it: Actions' deployment of the commit, linked to run 42.</summary>
    private static string RespondInsideActionsRun(string method, string path) => (method, path) switch
    {
        ("GET", "/repos/acme/shop/deployments") => """
            [{"id": 300, "sha": "0123456789abcdef0123456789abcdef01234567", "environment": "production", "created_at": "2026-12-01T10:00:00Z"},
             {"id": 301, "sha": "0123456789abcdef0123456789abcdef01234567", "environment": "production", "created_at": "2026-12-02T09:00:00Z"}]
            """,
        ("GET", "/repos/acme/shop/deployments/301/statuses") => """[{"id": 1, "state": "in_progress", "log_url": "https://github.example.test/acme/shop/actions/runs/41/job/9"}]""",
        ("GET", "/repos/acme/shop/deployments/300/statuses") => """[{"id": 2, "state": "in_progress", "log_url": "https://github.example.test/acme/shop/actions/runs/42/job/7"}]""",
        _ => Respond(method, path),
    };

    [Fact]
    public async Task Inside_an_Actions_environment_job_the_release_reports_on_the_jobs_own_deployment_instead_of_creating_a_second_on_FakeGitHubServer()
    {
        using var server = new FakeGitHubServer(RespondInsideActionsRun);
        var deployments = new GitHubDeployments(GitHubConnection.Create(server.Url, "test-token", "acme", "shop"), actionsRunId: 42);

        var deployment = await deployments.StartAsync("production", Commit, "r-19", null);

        Assert.Equal(300, deployment.Id);
        Assert.DoesNotContain(server.Requests, r => r is { Method: "POST", Path: "/repos/acme/shop/deployments" });
        Assert.Contains(server.Requests, r => r is { Method: "POST", Path: "/repos/acme/shop/deployments/300/statuses" });
    }

    [Fact]
    public async Task An_Actions_run_whose_job_has_no_deployment_of_the_commit_creates_one_on_FakeGitHubServer()
    {
        using var server = new FakeGitHubServer(RespondInsideActionsRun);
        var deployments = new GitHubDeployments(GitHubConnection.Create(server.Url, "test-token", "acme", "shop"), actionsRunId: 43);

        var deployment = await deployments.StartAsync("production", Commit, "r-20", null);

        Assert.Equal(101, deployment.Id);
        Assert.Contains(server.Requests, r => r is { Method: "POST", Path: "/repos/acme/shop/deployments" });
    }

    [Fact]
    public async Task The_run_review_history_names_the_environment_reviewer_on_FakeGitHubServer()
    {
        using var server = new FakeGitHubServer(Respond);

        var reviews = await GitHubReviewHistory.Read(GitHubConnection.Create(server.Url, "test-token", "acme", "shop"), 42);

        Assert.Equal([new EnvironmentReview("production", "alice", true)], reviews);
    }
}
