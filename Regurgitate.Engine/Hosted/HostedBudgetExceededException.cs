namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Thrown instead of creating a job whose estimate would take the journal's spending past
/// <see cref="HostedFineTuningOptions.Budget"/>. Nothing was sent for it; a rerun with a higher budget creates it.
/// </summary>
public sealed class HostedBudgetExceededException : Exception
{
    public HostedBudgetExceededException()
    {
    }

    public HostedBudgetExceededException(string message)
        : base(message)
    {
    }

    public HostedBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HostedBudgetExceededException(string label, decimal spent, decimal estimate, decimal budget)
        : base($"Hosted fine-tuning job '{label}' was not created: it is estimated at {estimate:0.####} and {spent:0.####} is already committed, over the budget of {budget:0.####} ({HostedFineTuningOptions.SectionName}:Budget).")
    {
        Label = label;
        Spent = spent;
        Estimate = estimate;
        Budget = budget;
    }

    public string? Label { get; }

    public decimal Spent { get; }

    public decimal Estimate { get; }

    public decimal Budget { get; }
}
