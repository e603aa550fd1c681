using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Secrets;

/// <summary>
/// <c>./build.sh --secrets NAME… [--profile P]</c>: reads one value per name from the input and stores it
/// encrypted in <c>.nuke/parameters.json</c> or <c>.nuke/parameters.P.json</c>. Other keys are kept;
/// the file's salt is created on first use and kept afterwards. Values are never written to the output.
/// </summary>
public static class SecretsCommand
{
    /// <param name="rootDirectory">The build root.</param>
    /// <param name="profile">The profile whose file to write, or null for parameters.json.</param>
    /// <param name="names">Parameter names (any spelling); an existing key keeps its spelling, a new one is written in kebab case.</param>
    /// <param name="password">The file's password; must match the one of values already in the file.</param>
    /// <param name="input">One line per name, in order.</param>
    /// <param name="output">Progress lines (names and the file, never values).</param>
    /// <returns>0; errors are <see cref="ParameterException"/>s and leave the file unchanged.</returns>
    public static int Run(string rootDirectory, string? profile, IReadOnlyList<string> names, string password, TextReader input, TextWriter output)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (names.Count == 0)
            throw new ParameterException("--secrets needs the names of the parameters to set, e.g. --secrets registry-password.");
        if (string.IsNullOrEmpty(password))
            throw new ParameterException($"--secrets needs a password: set {SecretEncryption.PasswordVariable} or run it on a terminal.");

        var file = ParameterFile.LoadOrCreate(ParameterFile.PathFor(Path.GetFullPath(rootDirectory), profile));
        var salt = file.Salt;
        if (salt is null)
        {
            salt = SecretEncryption.NewSalt();
            file.Set(SecretEncryption.SaltKey, Convert.ToBase64String(salt));
        }

        var key = SecretEncryption.DeriveKey(password, salt);
        CheckPassword(file, key);
        foreach (var name in names)
        {
            var value = input.ReadLine();
            if (string.IsNullOrEmpty(value))
                throw new ParameterException($"--secrets: no value given for '{name}'; {file.Path} is unchanged.") { ParameterName = name };
            var fileKey = file.FindKey(name) ?? ParameterNames.ToKebabCase(name);
            file.Set(fileKey, SecretEncryption.Encrypt(value, key, fileKey));
        }

        file.Save();
        foreach (var name in names)
            output.WriteLine($"Encrypted '{file.FindKey(name)}' in {file.Path}.");
        return 0;
    }

    // Values already in the file must open with this password, or the file would end up needing two.
    private static void CheckPassword(ParameterFile file, byte[] key)
    {
        foreach (var existing in file.Keys)
        {
            if (file[existing] is not JsonValue value || !value.TryGetValue<string>(out var text) || !SecretEncryption.IsEncrypted(text))
                continue;
            try
            {
                SecretEncryption.Decrypt(text, key, existing);
                return;
            }
            catch (CryptographicException)
            {
                throw new ParameterException(
                    $"{file.Path}: wrong password; its encrypted values (e.g. '{existing}') were written with another one. Nothing was changed.")
                { ValueSource = file.Path };
            }
        }
    }
}
