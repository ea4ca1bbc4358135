using System.Security.Cryptography;
using System.Text;

namespace MegaBench.Accounts;

/// <summary>
/// Random secrets (setup codes, API tokens, questionnaire links) and their stored form. A secret has at
/// least 128 bits of randomness and only its SHA-256 is stored: a copy of the database reveals no secret.
/// </summary>
/// <remarks>
/// A plain hash (not a slow password hash) is right here because the secrets are random and long, so there
/// is nothing to guess from a dictionary; it also lets a lookup by hash use an index.
/// </remarks>
public static class Secrets
{
    /// <summary>A URL-safe random secret of <paramref name="bytes"/> random bytes (default 32, i.e. 256 bits).</summary>
    public static string Create(string prefix = "", int bytes = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 16);
        return prefix + Base64Url(RandomNumberGenerator.GetBytes(bytes));
    }

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares a presented secret with a stored hash in constant time.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
