using System.Text;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Secrets;

/// <summary>Where the password for encrypted parameter values comes from.</summary>
public static class SecretsPassword
{
    /// <summary>
    /// <see cref="SecretEncryption.PasswordVariable"/> from <paramref name="environment"/>, else a prompt
    /// (without echo) when stdin is a terminal, else a <see cref="ParameterException"/> naming the file.
    /// </summary>
    public static string Get(IReadOnlyDictionary<string, string> environment, string file)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.TryGetValue(SecretEncryption.PasswordVariable, out var password) && password.Length > 0)
            return password;
        if (!Console.IsInputRedirected)
            return Prompt($"Password for the encrypted values in {file}: ");
        throw new ParameterException(
            $"{file} holds encrypted values: set {SecretEncryption.PasswordVariable} to their password (no terminal to ask on).");
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    public static string Prompt(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                    text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }
}
