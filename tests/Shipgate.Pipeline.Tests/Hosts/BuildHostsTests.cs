using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Tests.Hosts;

public class BuildHostsTests
{
    [Theory]
    [InlineData("GITHUB_ACTIONS", "true", "GitHubActions")]
    [InlineData("GITLAB_CI", "true", "GitLab")]
    [InlineData("JENKINS_URL", "https://ci.example.test/", "Jenkins")]
    [InlineData("GITHUB_ACTIONS", "false", "Terminal")]
    [InlineData("TERM", "xterm", "Terminal")]
    public void Detects_the_host_from_its_own_variable(string variable, string value, string expected)
    {
        Assert.Equal(expected, BuildHosts.Detect(new Dictionary<string, string> { [variable] = value }));
    }

    [Fact]
    public void Jenkins_is_also_recognised_by_build_number_and_home()
    {
        Assert.Equal("Jenkins", BuildHosts.Detect(new Dictionary<string, string> { ["BUILD_NUMBER"] = "7", ["JENKINS_HOME"] = "/var/jenkins" }));
        Assert.Equal("Terminal", BuildHosts.Detect(new Dictionary<string, string> { ["BUILD_NUMBER"] = "7" }));
    }

    [Fact]
    public void Host_option_overrides_detection_and_an_unknown_host_lists_the_known_ones()
    {
        var github = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" };

        Assert.Equal("Terminal", BuildHosts.Select("terminal", github).Name);
        var error = Assert.Throws<ParameterException>(() => BuildHosts.Select("Travis", github));
        Assert.Equal("--host 'Travis' is not a known host; known: Terminal, GitHubActions, GitLab, Jenkins.", error.Message);
    }

    [Fact]
    public void Each_CI_host_reads_commit_branch_pipeline_url_and_actor()
    {
        var github = GitHubActionsHost.ReadMetadata(new Dictionary<string, string>
        {
            ["GITHUB_SHA"] = "abc123",
            ["GITHUB_REF_NAME"] = "main",
            ["GITHUB_SERVER_URL"] = "https://github.example.test",
            ["GITHUB_REPOSITORY"] = "acme/shop",
            ["GITHUB_RUN_ID"] = "42",
            ["GITHUB_ACTOR"] = "octocat",
        });
        var gitlab = new GitLabCiHost(new Dictionary<string, string>
        {
            ["CI_COMMIT_SHA"] = "def456",
            ["CI_COMMIT_REF_NAME"] = "release",
            ["CI_PIPELINE_URL"] = "https://gitlab.example.test/p/1",
            ["GITLAB_USER_LOGIN"] = "bob",
        }, TextWriter.Null).Metadata;
        var jenkins = new JenkinsHost(new Dictionary<string, string>
        {
            ["GIT_COMMIT"] = "0a1b",
            ["BRANCH_NAME"] = "main",
            ["BUILD_URL"] = "https://jenkins.example.test/job/x/3/",
            ["BUILD_USER_ID"] = "carol",
        }).Metadata;

        Assert.Equal(new CiMetadata("GitHubActions", "abc123", "main", "https://github.example.test/acme/shop/actions/runs/42", "octocat"), github);
        Assert.Equal(new CiMetadata("GitLab", "def456", "release", "https://gitlab.example.test/p/1", "bob"), gitlab);
        Assert.Equal(new CiMetadata("Jenkins", "0a1b", "main", "https://jenkins.example.test/job/x/3/", "carol"), jenkins);
    }

    [Fact]
    public void Terminal_reads_the_checked_out_commit_from_git()
    {
        var head = new TerminalHost().Metadata;

        Assert.Matches("^[0-9a-f]{40}$", head.Commit);
        Assert.Equal("Terminal", head.Host);
    }
}
