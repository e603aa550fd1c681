using System.Text;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Secrets;

/// <summary>Where the password for encrypted parameter values comes from.</summary>
public static class SecretsPassword
{
    /// <summary>
    /// <see cref="SecretEncryption.PasswordVariable"/> from <paramref name="environment"/>, else
    /// <paramref name="prompt"/> (null when there is no terminal to ask on), else a
    /// <see cref="ParameterException"/> naming the file and the variable.
    /// </summary>
    public static string Get(IReadOnlyDictionary<string, string> environment, string file, Func<string, string>? prompt)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.TryGetValue(SecretEncryption.PasswordVariable, out var password) && password.Length > 0)
            return password;
        if (prompt is not null)
            return prompt($"Password for the encrypted values in {file}: ");
        throw new ParameterException(
            $"{file} holds encrypted values: set {SecretEncryption.PasswordVariable} to their password (no terminal to ask on).");
    }

    /// <summary>Asks on the terminal when stdin is one, else null: the default prompt for <see cref="Get"/>.</summary>
    public static Func<string, string>? TerminalPrompt => Console.IsInputRedirected ? null : Prompt;

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
