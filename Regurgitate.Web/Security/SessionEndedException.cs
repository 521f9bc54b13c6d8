namespace Regurgitate.Web.Security;

/// <summary>Thrown into a circuit whose login session was signed out; the framework then closes the circuit.</summary>
public sealed class SessionEndedException : Exception
{
    public SessionEndedException()
        : base("The login session of this circuit was signed out.")
    {
    }

    public SessionEndedException(string message)
        : base(message)
    {
    }

    public SessionEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
