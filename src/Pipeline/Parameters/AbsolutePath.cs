namespace Shipgate.Pipeline;

/// <summary>
/// A normalised absolute file-system path, Nuke style: <c>RootDirectory / "artifacts" / "packages"</c>.
/// As a parameter type, a relative value is resolved against the build's root directory.
/// </summary>
public sealed record AbsolutePath
{
    private AbsolutePath(string path) => Value = path;

    public string Value { get; }

    public string Name => System.IO.Path.GetFileName(Value);

    public AbsolutePath? Parent =>
        System.IO.Path.GetDirectoryName(Value) is { } parent ? new AbsolutePath(parent) : null;

    /// <summary>Makes <paramref name="path"/> absolute: relative paths are resolved against <paramref name="baseDirectory"/>.</summary>
    public static AbsolutePath Create(string path, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        return new AbsolutePath(Trim(System.IO.Path.GetFullPath(path, System.IO.Path.GetFullPath(baseDirectory))));
    }

    /// <summary>An already absolute path; a relative one is an error (use <see cref="Create(string, string)"/>).</summary>
    public static AbsolutePath Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return System.IO.Path.IsPathFullyQualified(path)
            ? new AbsolutePath(Trim(System.IO.Path.GetFullPath(path)))
            : throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
    }

    public static AbsolutePath operator /(AbsolutePath left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return Create(right, left.Value);
    }

    public static AbsolutePath Combine(AbsolutePath left, string right) => left / right;

    public static implicit operator string(AbsolutePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Value;
    }

    public bool Exists() => File.Exists(Value) || Directory.Exists(Value);

    public override string ToString() => Value;

    private static string Trim(string path) =>
        path.Length > 1 && System.IO.Path.EndsInDirectorySeparator(path) && System.IO.Path.GetPathRoot(path) != path
            ? path.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar)
            : path;
}
