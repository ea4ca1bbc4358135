using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Questionnaires;
using MegaBench.Web.Questionnaires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Respondent;

/// <summary>
/// The respondent's questionnaire, opened by the organisation's link: its group's statements stage by stage.
/// </summary>
/// <remarks>
/// Without JavaScript every stage has a save button; the form posts all statements, and only those changed
/// since the page was shown (told apart by a fingerprint of what was shown) are saved, each one through
/// <see cref="MegaBench.Questionnaires.Questionnaire.SaveAnswerAsync"/>. A statement that someone else changed
/// meanwhile is not saved: the page comes back with both versions and asks which to keep ("mine" saves the
/// typed answer over the stored one, "theirs" takes the stored one), keeping everything typed. With JavaScript
/// (wwwroot/js/questionnaire.js) each answer is saved as it is given, through the JSON API.
/// </remarks>
public sealed class IndexModel(MegaBenchDbContext db, IStringLocalizer<SharedResource> text) : QuestionnairePageModel(db)
{
    public const string Mine = "mine";
    public const string Theirs = "theirs";

    /// <summary>The choices a respondent gives; "not answered" is what a statement is before any of them.</summary>
    public static IReadOnlyList<AnswerValue> Choices { get; } = [AnswerValue.Yes, AnswerValue.No, AnswerValue.NotDetermined];

    [BindProperty]
    public List<StatementInput> Answers { get; set; } = [];

    /// <summary>The stage whose save button was pressed, to come back to it.</summary>
    [BindProperty]
    public int? Stage { get; set; }

    /// <summary>Statements someone else changed meanwhile, with the stored answer, by code.</summary>
    public Dictionary<string, AnswerSnapshot> Conflicts { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Answers = [.. Group.Indicators.Select(i => StatementInput.From(i.Code, Stored.GetValueOrDefault(i.Code)))];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Lock is not null)
        {
            // Submitted (or closed) while this page was open: nothing can be saved; show what is stored.
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["Nothing was saved: this questionnaire became read-only while you were answering. Ask the coordinator to reopen it if an answer must change."]);
            Answers = [.. Group.Indicators.Select(i => StatementInput.From(i.Code, Stored.GetValueOrDefault(i.Code)))];
            return Page();
        }

        Validate();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var saved = 0;
        foreach (var input in Answers)
        {
            var code = input.Code!;
            if (input.Resolution == Theirs)
            {
                // Taking theirs writes nothing: the form shows the stored answer from now on.
                input.TakeStored(Stored.GetValueOrDefault(code) ?? AnswerSnapshot.Of(code, null));
                continue;
            }

            var expected = input.Resolution == Mine && input.TheirVersion is { } theirs ? theirs : input.Version;
            // An untouched statement is not saved, unless the respondent confirms an answer carried over from an
            // earlier round: saving it unchanged clears its mark.
            if (input.Resolution is null && !input.IsChanged && !input.Confirm)
            {
                continue;
            }

            var result = await MegaBench.Questionnaires.Questionnaire.SaveAnswerAsync(
                Db, Link.Target, code, input.ParsedValue!.Value, input.Comment, input.Evidence, expected, Link.Actor.Name, asRespondent: true, cancellationToken);
            switch (result)
            {
                case AnswerSaveResult.Saved ok:
                    input.TakeStored(ok.Answer);
                    saved++;
                    break;
                case AnswerSaveResult.Conflict conflict:
                    Conflicts[code] = conflict.Theirs;
                    input.TheirVersion = conflict.Theirs.Version;
                    input.Resolution = null;
                    break;
                case AnswerSaveResult.Locked:
                    ModelState.AddModelError(string.Empty, text["Nothing more was saved: this questionnaire became read-only while you were answering. Ask the coordinator to reopen it if an answer must change."]);
                    return await ShowAsync(cancellationToken);
                default:
                    throw new InvalidOperationException($"Unexpected save result {result} after validation.");
            }
        }

        if (Conflicts.Count > 0)
        {
            ModelState.AddModelError(string.Empty, Conflicts.Count == 1
                ? text["Someone else changed 1 statement while you were answering: {0}. Your answer to it was not saved yet. Both versions are shown below: choose which to keep, then save again.", string.Join(", ", Conflicts.Keys)]
                : text["Someone else changed {0} statements while you were answering: {1}. Your answers to them were not saved yet. Both versions are shown below: choose which to keep for each, then save again.", Conflicts.Count, string.Join(", ", Conflicts.Keys)]);
            if (saved > 0)
            {
                ModelState.AddModelError(string.Empty, text["Your other changes were saved."]);
            }

            return await ShowAsync(cancellationToken);
        }

        var message = saved switch
        {
            0 => text["Nothing had changed, so nothing was saved."].Value,
            1 => text["1 answer was saved."].Value,
            _ => text["{0} answers were saved.", saved].Value,
        };
        if (Stage is { } stage && Group.FindStage(stage) is not null)
        {
            // Shown at the top of the stage just saved, which the address scrolls to: in view, not above the fold.
            TempData["SavedStage"] = stage;
            TempData["SavedMessage"] = message;
            return Redirect(PageUrl + $"#stage-{stage}-saved");
        }

        TempData["Saved"] = message;
        return Redirect(PageUrl);
    }

    /// <summary>Shows the page after a post that could not finish, with the answers as stored now and the typed ones kept.</summary>
    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await ReloadAnswersAsync(cancellationToken);
        return Page();
    }

    private void Validate()
    {
        // Hidden fields have no place of their own to show a message: a damaged one is reported for the whole form.
        if (ModelState.Any(e => e.Value is { Errors.Count: > 0 } && !e.Key.EndsWith(".Value", StringComparison.Ordinal)))
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["Part of the form was damaged in transit, so nothing was saved. Reload the page and answer again."]);
            return;
        }

        var codes = Group.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < Answers.Count; index++)
        {
            var input = Answers[index];
            var prefix = $"Answers[{index}]";
            if (input.Code is null || !codes.Contains(input.Code) || !seen.Add(input.Code))
            {
                ModelState.AddModelError(string.Empty, text["Part of the form was damaged in transit, so nothing was saved. Reload the page and answer again."]);
                return;
            }

            if (input.ParsedValue is null)
            {
                ModelState.AddModelError($"{prefix}.Value", text["'{0}' is not one of the choices. Choose yes, no or not determined.", input.Value ?? ""]);
            }

            if (input.Resolution is not (null or Mine or Theirs))
            {
                ModelState.AddModelError(string.Empty, text["Part of the form was damaged in transit, so nothing was saved. Reload the page and answer again."]);
                return;
            }

            if (MegaBench.Answers.AnswerText.OverLimit(input.Comment, MegaBench.Questionnaires.Questionnaire.CommentMaxLength) is { } comment)
            {
                ModelState.AddModelError($"{prefix}.Comment", text["The comment has {0} characters; shorten it to at most {1}.", comment, MegaBench.Questionnaires.Questionnaire.CommentMaxLength]);
            }

            if (MegaBench.Answers.AnswerText.OverLimit(input.Evidence, MegaBench.Questionnaires.Questionnaire.EvidenceMaxLength) is { } evidence)
            {
                ModelState.AddModelError($"{prefix}.Evidence", text["The evidence has {0} characters; shorten it to at most {1}.", evidence, MegaBench.Questionnaires.Questionnaire.EvidenceMaxLength]);
            }
        }

        if (!ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, text["Nothing was saved: correct the answers marked below and save again. Everything you typed is still here."]);
        }
    }

    /// <summary>One statement as the form carries it.</summary>
    public sealed class StatementInput
    {
        public string? Code { get; set; }

        /// <summary>The stored version the form was shown at; 0 when nothing was stored.</summary>
        public int Version { get; set; }

        /// <summary>A digest of the answer as shown, to tell a changed statement from an untouched one.</summary>
        public string? Fingerprint { get; set; }

        /// <summary>The name of an <see cref="AnswerValue"/>, or nothing (not answered); bound as text so that an unknown value gets a clear message.</summary>
        public string? Value { get; set; }

        public string? Comment { get; set; }

        public string? Evidence { get; set; }

        /// <summary>After a conflict: the version of the other person's answer that the page showed.</summary>
        public int? TheirVersion { get; set; }

        /// <summary>After a conflict: <see cref="Mine"/> or <see cref="Theirs"/>, or nothing until the respondent chooses.</summary>
        public string? Resolution { get; set; }

        /// <summary>The respondent confirms an answer carried over from an earlier round as still true.</summary>
        public bool Confirm { get; set; }

        public AnswerValue? ParsedValue => string.IsNullOrEmpty(Value)
            ? AnswerValue.Unanswered
            : Choices.Cast<AnswerValue?>().FirstOrDefault(v => string.Equals(v.ToString(), Value, StringComparison.Ordinal));

        public bool IsChanged => Fingerprint != FingerprintOf(ParsedValue ?? AnswerValue.Unanswered, Comment, Evidence);

        public static StatementInput From(string code, AnswerSnapshot? stored)
        {
            var input = new StatementInput { Code = code };
            input.TakeStored(stored ?? AnswerSnapshot.Of(code, null));
            return input;
        }

        /// <summary>Shows the stored answer from now on (after a save, or when the respondent took theirs).</summary>
        public void TakeStored(AnswerSnapshot stored)
        {
            Version = stored.Version;
            Value = stored.Value == AnswerValue.Unanswered ? null : stored.Value.ToString();
            Comment = stored.Comment;
            Evidence = stored.Evidence;
            Fingerprint = FingerprintOf(stored.Value, stored.Comment, stored.Evidence);
            TheirVersion = null;
            Resolution = null;
        }

        public static string FingerprintOf(AnswerValue value, string? comment, string? evidence) => AnswerFingerprint.Of(value, comment, evidence);
    }
}
