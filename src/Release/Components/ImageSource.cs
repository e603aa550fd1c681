namespace Shipgate.Release.Components;

/// <summary>How the service's image is built: from a Dockerfile and its context, or from a .NET project published self-contained.</summary>
public abstract record ImageSource(string Dockerfile)
{
    /// <summary>A Dockerfile (relative to the root) whose context is <paramref name="Context"/>.</summary>
    public sealed record FromDockerfile(string Context, string Dockerfile) : ImageSource(Dockerfile);

    /// <summary>A .NET project published self-contained into a context with <paramref name="Dockerfile"/> (no SDK in the image).</summary>
    public sealed record FromDotNetProject(string Project, string Dockerfile) : ImageSource(Dockerfile);

    public static ImageSource DockerfileIn(string context, string dockerfile = "Dockerfile") =>
        new FromDockerfile(context, Path.Combine(context, dockerfile));

    public static ImageSource DotNetProject(string project, string dockerfile) => new FromDotNetProject(project, dockerfile);
}
