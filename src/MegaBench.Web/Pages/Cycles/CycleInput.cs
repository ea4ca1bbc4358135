using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MegaBench.Learning;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Cycles;

/// <summary>The target dates of a cycle's stages, as the start and edit forms send them.</summary>
public sealed class CycleDatesInput
{
    public DateOnly? DeskReviewDue { get; set; }

    public DateOnly? VisitDue { get; set; }

    public DateOnly? FeedbackDue { get; set; }

    public DateOnly? ActionPlanDue { get; set; }

    public DateOnly? FollowUpDue { get; set; }

    public static CycleDatesInput From(LearningCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return new()
        {
            DeskReviewDue = cycle.DeskReviewDue,
            VisitDue = cycle.VisitDue,
            FeedbackDue = cycle.FeedbackDue,
            ActionPlanDue = cycle.ActionPlanDue,
            FollowUpDue = cycle.FollowUpDue,
        };
    }

    /// <summary>The dates must follow the stages (<see cref="CycleRules.CheckDates"/>).</summary>
    public void Validate(ModelStateDictionary modelState, string prefix, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        if (CycleRules.CheckDates(DeskReviewDue, VisitDue, FeedbackDue, ActionPlanDue, FollowUpDue) is { } problem)
        {
            modelState.AddModelError(prefix, localizer[DateOrderProblem.Format,
                localizer[Labels.Stage(problem.Stage)].Value, problem.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                localizer[Labels.Stage(problem.Earlier)].Value, problem.EarlierDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        }
    }

    public void ApplyTo(LearningCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        cycle.DeskReviewDue = DeskReviewDue;
        cycle.VisitDue = VisitDue;
        cycle.FeedbackDue = FeedbackDue;
        cycle.ActionPlanDue = ActionPlanDue;
        cycle.FollowUpDue = FollowUpDue;
    }
}

/// <summary>The start-a-cycle form: a name and the target dates.</summary>
public sealed class CycleInput
{
    [Required(ErrorMessage = "Give the cycle a name, e.g. “2018–2019 peer reviews”.")]
    [StringLength(LearningCycle.NameMaxLength, ErrorMessage = "The name is too long: use at most {1} characters.")]
    public string? Name { get; set; }

    public CycleDatesInput Dates { get; set; } = new();
}
