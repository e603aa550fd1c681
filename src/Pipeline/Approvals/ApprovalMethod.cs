namespace Shipgate.Pipeline.Approvals;

/// <summary>How an approval was given; the platform's own mechanism where there is one.</summary>
public enum ApprovalMethod
{
    /// <summary>A required reviewer approved the job's GitHub environment.</summary>
    GitHubEnvironmentReview,

    /// <summary>Someone allowed to deploy to the protected GitLab environment started the manual job.</summary>
    GitLabManualJob,

    /// <summary>A listed submitter answered the Jenkins <c>input</c> step.</summary>
    JenkinsInput,

    /// <summary>The local user answered yes on the terminal.</summary>
    TerminalPrompt,

    /// <summary><c>--approve</c> on the command line.</summary>
    CommandLineFlag,
}
