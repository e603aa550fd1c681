using System.Security.Cryptography;
using System.Text;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Secrets;

/// <summary>
/// Encryption of secret values in parameter files. Each file has its own random salt (stored under
/// <see cref="SaltKey"/>); the key is PBKDF2-HMAC-SHA256 of the password and that salt; each value is
/// <c>v1:</c> + base64(nonce | ciphertext | tag) under AES-256-GCM, with the parameter's name as
/// associated data so an encrypted value cannot be moved to another key unnoticed.
/// </summary>
public static class SecretEncryption
{
    /// <summary>The file key holding the base64 salt.</summary>
    public const string SaltKey = "$secrets-salt";

    /// <summary>Marks an encrypted value and its format version.</summary>
    public const string Prefix = "v1:";

    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; part of format v1.</summary>
    public const int Iterations = 600_000;

    /// <summary>Environment variable holding the password.</summary>
    public const string PasswordVariable = "SHIPGATE_SECRETS_PASSWORD";

    private const int SaltSize = 16;
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static bool IsEncrypted(string value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    public static byte[] DeriveKey(string password, byte[] salt)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentNullException.ThrowIfNull(salt);
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, KeySize);
    }

    public static string Encrypt(string plaintext, byte[] key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[NonceSize + data.Length + TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(
                nonce, data, sealedValue.AsSpan(NonceSize, data.Length), sealedValue.AsSpan(NonceSize + data.Length), AssociatedData(parameterName));
        }

        nonce.CopyTo(sealedValue, 0);
        return Prefix + Convert.ToBase64String(sealedValue);
    }

    /// <summary>
    /// The plaintext; <see cref="CryptographicException"/> when the key is wrong, the value was altered or
    /// it belongs to another parameter (the exception never contains the value).
    /// </summary>
    public static string Decrypt(string encrypted, byte[] key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        if (!IsEncrypted(encrypted))
            throw new CryptographicException("The value does not start with " + Prefix);
        byte[] sealedValue;
        try
        {
            sealedValue = Convert.FromBase64String(encrypted[Prefix.Length..]);
        }
        catch (FormatException)
        {
            throw new CryptographicException("The value is not valid base64.");
        }

        if (sealedValue.Length < NonceSize + TagSize)
            throw new CryptographicException("The value is too short.");
        var length = sealedValue.Length - NonceSize - TagSize;
        var data = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, length), sealedValue.AsSpan(NonceSize + length), data, AssociatedData(parameterName));
        return Encoding.UTF8.GetString(data);
    }

    private static byte[] AssociatedData(string parameterName) => Encoding.UTF8.GetBytes(ParameterNames.Normalize(parameterName));
}
