namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// Thrown at the end of a generation that stopped because its budget would be exceeded, after every in-flight request
/// finished and every result was yielded and journalled. A later run with a higher budget resumes where this one stopped.
/// </summary>
public sealed class LlmBudgetExceededException : Exception
{
    public LlmBudgetExceededException()
    {
    }

    public LlmBudgetExceededException(string message)
        : base(message)
    {
    }

    public LlmBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LlmBudgetExceededException(int completed, int total, decimal spent, decimal budget)
        : base($"LLM generation stopped at its budget: {completed} of {total} requests done, {spent:0.####} spent of {budget:0.####} (Regurgitate:Llm:Budget). Run again with a higher budget to continue.")
    {
        Completed = completed;
        Total = total;
        Spent = spent;
        Budget = budget;
    }

    /// <summary>Requests settled in the journal (earlier runs included).</summary>
    public int Completed { get; }

    public int Total { get; }

    /// <summary>Cost of everything in the journal.</summary>
    public decimal Spent { get; }

    public decimal Budget { get; }
}
