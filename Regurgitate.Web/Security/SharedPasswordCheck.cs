using System.Security.Cryptography;
using System.Text;

namespace Regurgitate.Web.Security;

/// <summary>Compares a candidate with the shared password in constant time (both are hashed first, so their lengths do not leak either).</summary>
public static class SharedPasswordCheck
{
    public static bool Matches(string? candidate, string? expected)
    {
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        var a = SHA256.HashData(Encoding.UTF8.GetBytes(candidate ?? ""));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
