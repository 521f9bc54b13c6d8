using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Regurgitate.Web.Features.NewRun;

/// <summary>Puts <see cref="RunConfigValidation"/>'s messages on the form's fields, on submit and as fields change.</summary>
public sealed class RunConfigValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? messages;
    private EditContext? subscribedContext;

    [CascadingParameter]
    private EditContext? EditContext { get; set; }

    protected override void OnParametersSet()
    {
        if (EditContext is null)
        {
            throw new InvalidOperationException($"{nameof(RunConfigValidator)} must be placed inside an EditForm.");
        }

        if (EditContext.Model is not NewRunModel)
        {
            throw new InvalidOperationException($"{nameof(RunConfigValidator)} validates a {nameof(NewRunModel)} only.");
        }

        if (!ReferenceEquals(EditContext, subscribedContext))
        {
            Unsubscribe();
            messages = new ValidationMessageStore(EditContext);
            EditContext.OnValidationRequested += OnValidationRequested;
            EditContext.OnFieldChanged += OnFieldChanged;
            subscribedContext = EditContext;
        }
    }

    public void Dispose() => Unsubscribe();

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e) => ValidateAll();

    // Cross-field rules mean one change can fix or break another field, so every change re-checks the whole form.
    private void OnFieldChanged(object? sender, FieldChangedEventArgs e) => ValidateAll();

    private void ValidateAll()
    {
        var context = subscribedContext!;
        var model = (NewRunModel)context.Model;
        messages!.Clear();
        foreach (var error in RunConfigValidation.Validate(model))
        {
            messages.Add(new FieldIdentifier(model, error.Field), error.Message);
        }

        context.NotifyValidationStateChanged();
    }

    private void Unsubscribe()
    {
        if (subscribedContext is not null)
        {
            subscribedContext.OnValidationRequested -= OnValidationRequested;
            subscribedContext.OnFieldChanged -= OnFieldChanged;
            messages?.Clear();
            subscribedContext = null;
        }
    }
}
