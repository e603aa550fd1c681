using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Shipgate.Pipeline.CommandLine;
using Shipgate.Pipeline.Parameters;
using Shipgate.Pipeline.Secrets;
using Shipgate.Pipeline.Tests.Parameters;

namespace Shipgate.Pipeline.Tests.Secrets;

public sealed class EncryptedParametersTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private const string Token = "ghp_example-Token-1234567890";
    private readonly TemporaryRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Secrets_command_encrypts_and_injector_decrypts()
    {
        var output = new StringWriter();

        SecretsCommand.Run(_root.Path, null, ["ApiToken", "registry-password"], Password, new StringReader($"{Token}\nregistry-pass-987\n"), output);

        var fileText = File.ReadAllText(_root.Nuke("parameters.json"));
        Assert.DoesNotContain(Token, fileText, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Encrypted 'api-token'", output.ToString(), StringComparison.Ordinal);
        var json = JsonNode.Parse(fileText)!.AsObject();
        Assert.StartsWith("v1:", (string)json["api-token"]!, StringComparison.Ordinal);

        var (build, result) = Inject([]);

        Assert.Equal(Token, build.ApiToken);
        Assert.Equal("registry-pass-987", build.RegistryPassword);
        Assert.Contains(Token, result.SecretValues);
        Assert.Contains("registry-pass-987", result.SecretValues);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Updating_keeps_other_keys_and_the_salt()
    {
        _root.WriteParameters(null, """{ "environment": "staging" }""");
        SecretsCommand.Run(_root.Path, null, ["api-token"], Password, new StringReader("first-value\n"), TextWriter.Null);
        var salt = Salt(_root.Nuke("parameters.json"));

        SecretsCommand.Run(_root.Path, null, ["api-token"], Password, new StringReader("second-value\n"), TextWriter.Null);

        Assert.Equal(salt, Salt(_root.Nuke("parameters.json")));
        var (build, _) = Inject([]);
        Assert.Equal("second-value", build.ApiToken);
        Assert.Equal("staging", build.Environment);
    }

    [Fact]
    public void Each_file_gets_its_own_random_salt_and_nonces()
    {
        SecretsCommand.Run(_root.Path, null, ["api-token"], Password, new StringReader($"{Token}\n"), TextWriter.Null);
        SecretsCommand.Run(_root.Path, "prod", ["api-token"], Password, new StringReader($"{Token}\n"), TextWriter.Null);

        var common = JsonNode.Parse(File.ReadAllText(_root.Nuke("parameters.json")))!;
        var prod = JsonNode.Parse(File.ReadAllText(_root.Nuke("parameters.prod.json")))!;
        Assert.NotEqual((string)common["$secrets-salt"]!, (string)prod["$secrets-salt"]!);
        Assert.Equal(16, Convert.FromBase64String((string)common["$secrets-salt"]!).Length);
        Assert.NotEqual((string)common["api-token"]!, (string)prod["api-token"]!);
    }

    [Fact]
    public void Encrypted_profile_value_wins_over_parameters_json()
    {
        SecretsCommand.Run(_root.Path, null, ["api-token"], Password, new StringReader("common-value\n"), TextWriter.Null);
        SecretsCommand.Run(_root.Path, "prod", ["api-token"], Password, new StringReader("prod-value\n"), TextWriter.Null);

        Assert.Equal("prod-value", Inject(["--profile", "prod"]).Build.ApiToken);
    }

    [Fact]
    public void Wrong_password_names_the_file_never_the_value()
    {
        SecretsCommand.Run(_root.Path, null, ["api-token"], Password, new StringReader($"{Token}\n"), TextWriter.Null);

        var error = Assert.Throws<ParameterException>(() => Inject([], "not the password"));

        Assert.Contains(_root.Nuke("parameters.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("wrong password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_command_refuses_a_second_password_for_the_same_file()
    {
        SecretsCommand.Run(_root.Path, null, ["api-token"], Password, new StringReader($"{Token}\n"), TextWriter.Null);
        var before = File.ReadAllText(_root.Nuke("parameters.json"));

        var error = Assert.Throws<ParameterException>(() =>
            SecretsCommand.Run(_root.Path, null, ["registry-password"], "another password", new StringReader("x-value-123\n"), TextWriter.Null));

        Assert.Contains("wrong password", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_root.Nuke("parameters.json")));
    }

    [Fact]
    public void Missing_input_line_is_an_error_and_changes_nothing()
    {
        var error = Assert.Throws<ParameterException>(() =>
            SecretsCommand.Run(_root.Path, null, ["api-token", "registry-password"], Password, new StringReader("only-one-value\n"), TextWriter.Null));

        Assert.Contains("'registry-password'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_root.Nuke("parameters.json")));
    }

    [Fact]
    public void Encrypted_value_moved_to_another_key_does_not_decrypt()
    {
        SecretsCommand.Run(_root.Path, null, ["api-token"], Password, new StringReader($"{Token}\n"), TextWriter.Null);
        var path = _root.Nuke("parameters.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json["registry-password"] = (string)json["api-token"]!;
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<ParameterException>(() => Inject([]));

        Assert.Contains("'registry-password'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypted_file_without_password_or_terminal_names_the_file_and_variable()
    {
        SecretsCommand.Run(_root.Path, null, ["api-token"], Password, new StringReader($"{Token}\n"), TextWriter.Null);
        var injector = new ParameterInjector(_root.Path, ArgumentList.Parse([]), new Dictionary<string, string>())
        {
            PasswordProvider = file => SecretsPassword.Get(new Dictionary<string, string>(), file, prompt: null),
        };

        var error = Assert.Throws<ParameterException>(() => injector.Inject(new SecretBuild()));

        Assert.Contains(SecretEncryption.PasswordVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(_root.Nuke("parameters.json"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_prompt_is_used_when_the_variable_is_unset()
    {
        string? asked = null;

        var password = SecretsPassword.Get(new Dictionary<string, string>(), "/x/parameters.json", text => { asked = text; return "typed"; });

        Assert.Equal("typed", password);
        Assert.Contains("/x/parameters.json", asked, StringComparison.Ordinal);
        Assert.Equal("env", SecretsPassword.Get(new Dictionary<string, string> { [SecretEncryption.PasswordVariable] = "env" }, "f", _ => "typed"));
    }

    [Fact]
    public void Password_is_only_needed_when_an_encrypted_value_is_used()
    {
        SecretsCommand.Run(_root.Path, null, ["api-token"], Password, new StringReader($"{Token}\n"), TextWriter.Null);
        var asked = 0;
        var injector = new ParameterInjector(_root.Path, ArgumentList.Parse(["--api-token", "from-cli-value"]), new Dictionary<string, string>())
        {
            PasswordProvider = _ => { asked++; return Password; },
        };

        var result = injector.Inject(new SecretBuild());

        Assert.Equal(0, asked);
        Assert.Contains(result.Warnings, w => w.Contains("command line", StringComparison.Ordinal));
        Assert.Contains("from-cli-value", result.SecretValues);
    }

    [Fact]
    public void Plain_text_secret_in_a_file_is_a_warning()
    {
        var path = _root.WriteParameters(null, """{ "api-token": "plain-text-token" }""");

        var (_, result) = Inject([]);

        Assert.Contains(result.Warnings, w => w.Contains(path, StringComparison.Ordinal) && w.Contains("plain text", StringComparison.Ordinal));
        Assert.Contains("plain-text-token", result.SecretValues);
    }

    [Fact]
    public void Tampered_ciphertext_fails_authentication()
    {
        var key = SecretEncryption.DeriveKey(Password, SecretEncryption.NewSalt());
        var encrypted = SecretEncryption.Encrypt(Token, key, "api-token");
        var bytes = Convert.FromBase64String(encrypted[3..]);
        bytes[14] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => SecretEncryption.Decrypt("v1:" + Convert.ToBase64String(bytes), key, "api-token"));
        Assert.Equal(Token, SecretEncryption.Decrypt(encrypted, key, "ApiToken"));
    }

    private static string Salt(string path) => (string)JsonNode.Parse(File.ReadAllText(path))!["$secrets-salt"]!;

    private (SecretBuild Build, InjectionResult Result) Inject(string[] args, string password = Password)
    {
        var build = new SecretBuild();
        var environment = new Dictionary<string, string> { [SecretEncryption.PasswordVariable] = password };
        var result = new ParameterInjector(_root.Path, ArgumentList.Parse(args), environment).Inject(build);
        return (build, result);
    }

#pragma warning disable CS0649 // assigned by reflection
    private sealed class SecretBuild
    {
        [Parameter, Secret] public string? ApiToken;
        [Parameter, Secret] public string? RegistryPassword;
        [Parameter] public string? Environment;
    }
#pragma warning restore CS0649
}
