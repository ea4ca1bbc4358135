using System.Data;
using System.Data.Common;
using System.Globalization;
using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using MegaBench.Web.Narrative;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Need = MegaBench.Web.Pages.Reviews.ReviewContext.Need;

namespace MegaBench.Web.Pages.Reviews;

/// <summary>A piece of evidence as lists show it: every column but the file's bytes.</summary>
public sealed record EvidenceRow(int Id, int? TopicId, ReviewSide Side, string Title, string? Url, string? FileName, long Size, DateTimeOffset CreatedAt);

/// <summary>The add-a-topic form: a subject ("theme:CODE", "statement:CODE", or empty for a free topic) and a title.</summary>
public sealed class TopicInput
{
    public string? Subject { get; set; }

    public string? Title { get; set; }
}

/// <summary>A question or an answer in one topic's thread.</summary>
public sealed class MessageInput
{
    public int TopicId { get; set; }

    public string? Text { get; set; }
}

/// <summary>Evidence: a link or a file, optionally tied to a topic; the side only matters to who may write both.</summary>
public sealed class EvidenceInput
{
    public string? Title { get; set; }

    public string? Url { get; set; }

    public IFormFile? File { get; set; }

    public int? TopicId { get; set; }

    public ReviewSide? Side { get; set; }
}

/// <summary>
/// The desk review: topics with their threads (the reviewer asks, the host answers), evidence from both sides,
/// and the reviewer's closing of the stage.
/// </summary>
/// <remarks>
/// The pair's gap themes become topics the first time the page is opened by someone who may write there once the
/// cycle has started (and, failing that, before the first topic is added): so both sides see the same topics
/// from the start, and nothing is written while the administrator may still swap the pairs. The request limits
/// are on the class because Razor Pages ignores filter attributes on handler methods; they are set just above
/// <see cref="EvidenceFiles.MaxBytes"/>, so that a file over the limit still reaches the page and gets a message.
/// </remarks>
[RequestSizeLimit(EvidenceFiles.RequestLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceFiles.RequestLimitBytes)]
public sealed class DeskModel(MegaBenchDbContext db, AccessPolicy access, SafeMarkdown markdown, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public TopicInput Topic { get; set; } = new();

    [BindProperty]
    public MessageInput Message { get; set; } = new();

    [BindProperty]
    public EvidenceInput Evidence { get; set; } = new();

    public ReviewContext Context { get; private set; } = null!;

    public SafeMarkdown Markdown => markdown;

    public IReadOnlyList<ReviewTopic> Topics { get; private set; } = [];

    public IReadOnlyList<EvidenceRow> EvidenceRows { get; private set; } = [];

    /// <summary>The form that failed (its fields show the messages and what was typed): "topic", "ask", "answer", "evidence".</summary>
    public string? FailedForm { get; private set; }

    public bool MayWrite => Context.WhyNotWritable() is null && (Context.Rights.IsHost || Context.Rights.IsReviewer);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, Need.ReadAll, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        await PrefillTopicsAsync(context!, cancellationToken);
        await ShowAsync(context!, cancellationToken);
        return Page();
    }

    /// <summary>The reviewer adds a topic: a theme or a statement of the host round's framework, or a free title.</summary>
    public async Task<IActionResult> OnPostTopicAsync(int id, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, Need.WriteAsReviewer, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (!Writable(context!) || ValidTopic(context!) is not { } topic)
        {
            return await FailAsync(context!, "topic", cancellationToken);
        }

        await PrefillTopicsAsync(context!, cancellationToken);
        var last = await db.ReviewTopics.Where(t => t.ReviewId == id).MaxAsync(t => (int?)t.Position, cancellationToken) ?? 0;
        topic.ReviewId = id;
        topic.Position = last + 1;
        db.ReviewTopics.Add(topic);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The topic “{0}” was added.", topic.Title].Value;
        return Redirect($"/reviews/{id}/desk#topic-{topic.Id}");
    }

    /// <summary>The reviewer asks a question in a topic.</summary>
    public Task<IActionResult> OnPostAskAsync(int id, CancellationToken cancellationToken) =>
        PostMessageAsync(id, Need.WriteAsReviewer, ReviewSide.Reviewer, cancellationToken);

    /// <summary>The host answers in a topic.</summary>
    public Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken cancellationToken) =>
        PostMessageAsync(id, Need.WriteAsHost, ReviewSide.Host, cancellationToken);

    /// <summary>Either side adds evidence: a web address or a file (see <see cref="EvidenceFiles"/>).</summary>
    public async Task<IActionResult> OnPostEvidenceAsync(int id, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, Need.ReadAll, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var rights = context!.Rights;
        if (!rights.IsHost && !rights.IsReviewer)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!Writable(context) || await ValidEvidenceAsync(context, cancellationToken) is not { } evidence)
        {
            return await FailAsync(context, "evidence", cancellationToken);
        }

        db.ReviewEvidence.Add(evidence);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The evidence “{0}” was added.", evidence.Title].Value;
        return Redirect($"/reviews/{id}/desk#evidence");
    }

    /// <summary>The reviewer closes the desk review: the review moves on to the visit.</summary>
    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, Need.WriteAsReviewer, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (!Writable(context!))
        {
            return await FailAsync(context!, "close", cancellationToken);
        }

        if (context!.Review.DeskReviewDoneAt is null)
        {
            context.Review.DeskReviewDoneAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Saved"] = localizer["The desk review is closed: the review moves on to the visit."].Value;
        return Redirect($"/reviews/{id}/desk");
    }

    /// <summary>A topic's heading: a gap theme's name in the page's language, else the title given.</summary>
    public string TopicTitle(ReviewTopic topic) =>
        topic.FromMatching && topic.ThemeCode is { } code && Context.Framework.FindTheme(code) is { } theme
            ? theme.Name[CultureInfo.CurrentUICulture.TwoLetterISOLanguageName]
            : topic.Title;

    /// <summary>What a topic is about, in the page's language: "Theme: …" or "Statement AAA-1.01: …"; null for a free topic.</summary>
    public (string Kind, string Code, string Text)? TopicSubject(ReviewTopic topic)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (topic.IndicatorCode is { } statement)
        {
            return ("Statement", statement, Context.Framework.FindIndicator(statement)?.Text[language] ?? "");
        }

        return topic.ThemeCode is { } theme ? ("Theme", theme, Context.Framework.FindTheme(theme)?.Name[language] ?? theme) : null;
    }

    private async Task<IActionResult> PostMessageAsync(int id, Need need, ReviewSide side, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, need, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var form = side == ReviewSide.Reviewer ? "ask" : "answer";
        if (!Writable(context!))
        {
            return await FailAsync(context!, form, cancellationToken);
        }

        var topic = await db.ReviewTopics.SingleOrDefaultAsync(t => t.Id == Message.TopicId && t.ReviewId == id, cancellationToken);
        if (topic is null)
        {
            ModelState.AddModelError("", localizer["That topic is not part of this review. Reload the page and write in one of its topics."]);
            return await FailAsync(context!, form, cancellationToken);
        }

        var text = string.IsNullOrWhiteSpace(Message.Text) ? null : Message.Text;

        if (text is null)
        {
            ModelState.AddModelError("Message.Text", localizer[side == ReviewSide.Reviewer ? "Write the question before sending it." : "Write the answer before sending it."]);
        }
        else if (text.Length > CycleRules.MarkdownMaxLength)
        {
            ModelState.AddModelError("Message.Text", localizer["The text is {0} characters long; a message holds at most {1}. Shorten it, or split it into two messages.",
                text.Length.ToString("N0", CultureInfo.CurrentCulture), CycleRules.MarkdownMaxLength.ToString("N0", CultureInfo.CurrentCulture)]);
        }

        if (!ModelState.IsValid)
        {
            return await FailAsync(context!, form, cancellationToken);
        }

        topic.Messages.Add(new ReviewMessage { Side = side, Text = text!, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer[side == ReviewSide.Reviewer ? "Your question was added to “{0}”." : "Your answer was added to “{0}”.", topic.Title].Value;
        return Redirect($"/reviews/{id}/desk#topic-{topic.Id}");
    }

    /// <summary>True when the review may be written now; else the reason is in the model state.</summary>
    private bool Writable(ReviewContext context)
    {
        if (context.WhyNotWritable() is { } why)
        {
            ModelState.AddModelError("", localizer[why]);
            return false;
        }

        return true;
    }

    /// <summary>The topic the form describes, or null with the problems in the model state.</summary>
    private ReviewTopic? ValidTopic(ReviewContext context)
    {
        var framework = context.Framework;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var title = FormHelpers.Clean(Topic.Title);
        var subject = FormHelpers.Clean(Topic.Subject);
        string? theme = null, statement = null, named = null;
        if (subject is null)
        {
            if (title is null)
            {
                ModelState.AddModelError("Topic.Title", localizer["Give the topic a title, or choose a theme or a statement it is about."]);
            }
        }
        else if (subject.StartsWith("theme:", StringComparison.Ordinal) && framework.FindTheme(subject["theme:".Length..]) is { } found)
        {
            theme = found.Code;
            named = found.Name[language];
        }
        else if (subject.StartsWith("statement:", StringComparison.Ordinal) && framework.FindIndicator(subject["statement:".Length..]) is { } indicator)
        {
            statement = indicator.Code;
            theme = indicator.Themes.Count == 1 ? indicator.Themes[0] : null;
            named = $"{indicator.Code} – {indicator.Text[language]}";
        }
        else
        {
            var code = subject.Contains(':', StringComparison.Ordinal) ? subject[(subject.IndexOf(':', StringComparison.Ordinal) + 1)..] : subject;
            ModelState.AddModelError("Topic.Subject", localizer["“{0}” is not a theme or a statement of {1}, the framework of {2}’s round. Choose one from the list, or leave it empty for a free topic.",
                code, framework.Title[language], context.Host]);
        }

        title ??= named;
        if (title is { Length: > ReviewTopic.TitleMaxLength })
        {
            if (Topic.Title is not null)
            {
                ModelState.AddModelError("Topic.Title", localizer["The title is too long: use at most {0} characters.", ReviewTopic.TitleMaxLength]);
            }
            else
            {
                title = title[..ReviewTopic.TitleMaxLength].TrimEnd();
            }
        }

        return ModelState.IsValid ? new ReviewTopic { Title = title!, ThemeCode = theme, IndicatorCode = statement } : null;
    }

    /// <summary>The evidence the form describes (file read and checked), or null with the problems in the model state.</summary>
    private async Task<ReviewEvidence?> ValidEvidenceAsync(ReviewContext context, CancellationToken cancellationToken)
    {
        var url = FormHelpers.Clean(Evidence.Url);
        var file = Evidence.File is { Length: > 0 } or { FileName.Length: > 0 } ? Evidence.File : null;
        var title = FormHelpers.Clean(Evidence.Title);
        if (url is null && file is null)
        {
            ModelState.AddModelError("Evidence.Url", localizer["Give a web address (https://…) or choose a file to upload."]);
        }
        else if (url is not null && file is not null)
        {
            ModelState.AddModelError("Evidence.Url", localizer["Give either a web address or a file, not both: add them one at a time."]);
        }
        else if (url is not null && (url.Length > EvidenceFiles.UrlMaxLength || !FormHelpers.IsWebAddress(url)))
        {
            ModelState.AddModelError("Evidence.Url", url.Length > EvidenceFiles.UrlMaxLength
                ? localizer["The web address is too long: use at most {0} characters.", EvidenceFiles.UrlMaxLength]
                : localizer["The link must be a web address starting with http:// or https://, e.g. https://example.org/project."]);
        }

        if (title is { Length: > CycleRules.ShortTextMaxLength })
        {
            ModelState.AddModelError("Evidence.Title", localizer["The title is too long: use at most {0} characters.", CycleRules.ShortTextMaxLength]);
        }

        if (Evidence.TopicId is { } topicId && !await db.ReviewTopics.AnyAsync(t => t.Id == topicId && t.ReviewId == context.Review.Id, cancellationToken))
        {
            ModelState.AddModelError("Evidence.TopicId", localizer["That topic is not part of this review. Choose one from the list, or none."]);
        }

        byte[]? content = null;
        EvidenceFileCheck? check = null;
        if (file is not null && url is null)
        {
            // The size is checked before the bytes are read; the request limit keeps this read small.
            check = EvidenceFiles.TooLarge(file.FileName, file.Length);
            if (check is null)
            {
                using var stream = new MemoryStream();
                await file.CopyToAsync(stream, cancellationToken);
                content = stream.ToArray();
                check = EvidenceFiles.Check(file.FileName, content);
            }

            if (!check.Accepted)
            {
                ModelState.AddModelError("Evidence.File", localizer[check.Problem!, check.Arguments]);
            }
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        var rights = context.Rights;
        var side = rights.IsHost && rights.IsReviewer ? Evidence.Side ?? ReviewSide.Reviewer : rights.IsHost ? ReviewSide.Host : ReviewSide.Reviewer;
        title ??= check?.FileName ?? url!;
        if (title.Length > CycleRules.ShortTextMaxLength)
        {
            title = title[..CycleRules.ShortTextMaxLength];
        }

        return new ReviewEvidence
        {
            ReviewId = context.Review.Id,
            TopicId = Evidence.TopicId,
            Side = side,
            Title = title,
            Url = check is null ? url : null,
            FileName = check?.FileName,
            ContentType = check?.ContentType,
            Size = content?.LongLength ?? 0,
            Content = content,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>
    /// Once the cycle has started, a review without topics gets one per gap theme (<see cref="ReviewTopic.FromMatching"/>),
    /// when someone who may write there opens the page. The check and the insert share a serializable transaction,
    /// so two first visits at once give one set of topics: the one that loses sees the other's.
    /// </summary>
    private async Task PrefillTopicsAsync(ReviewContext context, CancellationToken cancellationToken)
    {
        var review = context.Review;
        if (context.WhyNotWritable() is not null || !(context.Rights.IsHost || context.Rights.IsReviewer) || review.GapThemeList.Count == 0
            || await db.ReviewTopics.AnyAsync(t => t.ReviewId == review.Id, cancellationToken))
        {
            return;
        }

        var added = new List<ReviewTopic>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            if (await db.ReviewTopics.AnyAsync(t => t.ReviewId == review.Id, cancellationToken))
            {
                return;
            }

            var position = 0;
            foreach (var code in review.GapThemeList)
            {
                // Stored in the framework's source language; the page names the theme in the reader's language.
                added.Add(new ReviewTopic { ReviewId = review.Id, ThemeCode = code, Title = context.Framework.FindTheme(code)?.Name.Source ?? code, FromMatching = true, Position = ++position });
            }

            db.ReviewTopics.AddRange(added);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            // Another first visit filled them in meanwhile.
            foreach (var topic in added)
            {
                db.Entry(topic).State = EntityState.Detached;
            }
        }
    }

    private async Task<IActionResult> FailAsync(ReviewContext context, string form, CancellationToken cancellationToken)
    {
        FailedForm = form;
        await ShowAsync(context, cancellationToken);
        return Page();
    }

    private async Task ShowAsync(ReviewContext context, CancellationToken cancellationToken)
    {
        Context = context;
        var id = context.Review.Id;
        var topics = await db.ReviewTopics.AsNoTracking().Include(t => t.Messages).Where(t => t.ReviewId == id).ToListAsync(cancellationToken);
        foreach (var topic in topics)
        {
            // Ordered here: SQLite cannot order by a DateTimeOffset column.
            var thread = topic.Messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
            topic.Messages.Clear();
            topic.Messages.AddRange(thread);
        }

        Topics = [.. topics.OrderBy(t => t.Position).ThenBy(t => t.Id)];
        var evidence = await db.ReviewEvidence.AsNoTracking().Where(e => e.ReviewId == id)
            .Select(e => new EvidenceRow(e.Id, e.TopicId, e.Side, e.Title, e.Url, e.FileName, e.Size, e.CreatedAt))
            .ToListAsync(cancellationToken);
        EvidenceRows = [.. evidence.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)];
    }
}
