using System.Text.Json.Serialization;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// How much training each grid run gets. Under <see cref="Epochs"/> every run makes its own passes over its own
/// training set, so a condition with shorter targets packs into fewer batches and gets fewer optimiser updates than
/// the real data it is compared with; the matched budgets remove that confound.
/// </summary>
public enum TrainingBudget
{
    /// <summary><c>training.epochs</c> passes per run: step counts differ between conditions (specs written before budgets existed).</summary>
    [JsonStringEnumMemberName("epochs")]
    Epochs,

    /// <summary>Every run trains for the optimiser steps of the all-real run of its size and seed, looping over its data.</summary>
    [JsonStringEnumMemberName("matched-steps")]
    MatchedSteps,

    /// <summary>Every run trains on the target tokens of the all-real run of its size and seed (to within one batch).</summary>
    [JsonStringEnumMemberName("matched-tokens")]
    MatchedTokens,
}
