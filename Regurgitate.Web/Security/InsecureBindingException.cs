namespace Regurgitate.Web.Security;

/// <summary>The app refuses to start: it would serve non-loopback addresses without authentication, or the security settings are invalid.</summary>
public sealed class InsecureBindingException : Exception
{
    public InsecureBindingException()
    {
    }

    public InsecureBindingException(string message)
        : base(message)
    {
    }

    public InsecureBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static InsecureBindingException From(IReadOnlyList<string> errors) =>
        new("Regurgitate will not start:\n  - " + string.Join("\n  - ", errors));
}
