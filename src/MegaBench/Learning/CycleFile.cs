using System.Globalization;
using System.Text.Json;
using MegaBench.Data;
using MegaBench.Exports;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Learning;

/// <summary>
/// A learning cycle as a file: the whole cycle as JSON (<c>megabench-cycle</c>, format version 1), lossless (import
/// then export gives the same bytes), and its actions as CSV. docs/learning-cycle.md describes the shape.
/// </summary>
/// <remarks>
/// <para>Like the round file, the file holds no database ids: cities are named, rounds are their city's year,
/// organisations are named within the host round, and an evidence's topic is its place in the review's topics.
/// Import goes into a network that already has those cities and rounds (a cycle rests on published rounds; it
/// brings none with it).</para>
/// <para>Times are stored in UTC, as the app records them (PostgreSQL keeps no offset): a time written with another
/// offset in a hand-edited file is read as the same instant in UTC.</para>
/// <para>Import checks the whole file first and reports every problem at once (a city or round the network lacks, an
/// organisation the round lacks, a statement or theme its framework lacks, a value out of its list); then one save
/// writes the cycle, audited like any change. On any problem nothing is written.</para>
/// </remarks>
public static class CycleFile
{
    public const string Format = "megabench-cycle";

    public const int FormatVersion = 1;

    public const string JsonContentType = "application/json";

    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The cycle's file name without extension: "cycle-2018-2019-peer-reviews".</summary>
    public static string FileName(string cycleName)
    {
        ArgumentNullException.ThrowIfNull(cycleName);
        var slug = string.Join('-', new string([.. cycleName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')])
            .Split('-', StringSplitOptions.RemoveEmptyEntries));
        return "cycle-" + (slug.Length == 0 ? "file" : slug[..Math.Min(slug.Length, 80)]);
    }

    /// <summary>The cycle as JSON.</summary>
    /// <exception cref="CycleFileException">There is no such cycle.</exception>
    public static async Task<byte[]> ExportJsonAsync(MegaBenchDbContext db, int cycleId, CancellationToken cancellationToken)
    {
        var cycle = await LoadAsync(db, cycleId, cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(ToDocument(cycle), RoundJson.Options);
    }

    /// <summary>The cycle's actions as CSV, one row per action (reviews without action get one row with empty action cells).</summary>
    public static async Task ExportCsvAsync(MegaBenchDbContext db, int cycleId, Stream output, CancellationToken cancellationToken)
    {
        var cycle = await LoadAsync(db, cycleId, cancellationToken);
        string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        async IAsyncEnumerable<IReadOnlyList<string?>> Rows()
        {
            foreach (var review in Ordered(cycle.Reviews))
            {
                var stage = RoundJson.Name(CycleRules.StageOf(review, laterRoundPublished: false));
                IReadOnlyList<string?> Head() =>
                    [cycle.Name, review.GroupNumber.ToString(CultureInfo.InvariantCulture), review.HostCity!.Name, review.HostRound!.Year.ToString(CultureInfo.InvariantCulture),
                     review.ReviewerCity!.Name, stage, review.PublishedAt is null ? "no" : "yes"];
                if (review.Actions.Count == 0)
                {
                    yield return [.. Head(), null, null, null, null, null, null, null, null];
                    continue;
                }

                foreach (var action in review.Actions.OrderBy(a => a.Id))
                {
                    var last = action.Notes.OrderBy(n => n.Date).ThenBy(n => n.Id).LastOrDefault();
                    yield return [.. Head(), action.Title, action.Statements, action.Themes, action.Organisation?.Name, Date(action.Deadline),
                        RoundJson.Name(action.Status), Date(last?.Date), last?.Text];
                }
            }

            await Task.CompletedTask;
        }

        await CsvFiles.WriteAsync(output,
            ["cycle", "group", "host", "host_round", "reviewer", "stage", "published", "action", "statements", "themes", "responsible", "deadline", "status", "last_note_date", "last_note"],
            Rows(), cancellationToken);
    }

    /// <summary>Reads a cycle file into <paramref name="networkId"/>'s network as a new cycle and saves it.</summary>
    /// <exception cref="CycleFileException">The file is not a cycle file, or does not fit the network: every problem, nothing written.</exception>
    public static async Task<LearningCycle> ImportAsync(MegaBenchDbContext db, int networkId, byte[] file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(file);
        CycleDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CycleDocument>(file, RoundJson.Options);
        }
        catch (JsonException e)
        {
            throw new CycleFileException([$"The file is not valid JSON (line {(e.LineNumber ?? 0) + 1}, at {e.Path ?? "$"}): check it was not cut short or edited by hand. Nothing was written."]);
        }

        var problems = new List<string>();
        if (document is null || document.Format != Format)
        {
            throw new CycleFileException([$"The file's \"format\" is not \"{Format}\": choose a learning cycle file exported by MegaBench. Nothing was written."]);
        }

        if (document.FormatVersion != FormatVersion)
        {
            throw new CycleFileException([$"The file is format version {document.FormatVersion}; this MegaBench reads version {FormatVersion}. Nothing was written."]);
        }

        if (!await db.Networks.AnyAsync(n => n.Id == networkId, cancellationToken))
        {
            throw new CycleFileException([$"There is no network {networkId}. Nothing was written."]);
        }

        var cities = await db.Cities.AsNoTracking().Where(c => c.NetworkId == networkId).ToDictionaryAsync(c => c.Name, c => c.Id, StringComparer.Ordinal, cancellationToken);
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.City!.NetworkId == networkId).Include(r => r.Framework)
            .ToDictionaryAsync(r => (r.CityId, r.Year), cancellationToken);
        var part = document.Cycle ?? throw new CycleFileException(["The file has no \"cycle\". Nothing was written."]);
        var cycle = new LearningCycle
        {
            NetworkId = networkId,
            Name = part.Name ?? "",
            AcrossCountries = part.AcrossCountries,
            MatchingValue = part.MatchingValue,
            DeskReviewDue = part.DeskReviewDue,
            VisitDue = part.VisitDue,
            FeedbackDue = part.FeedbackDue,
            ActionPlanDue = part.ActionPlanDue,
            FollowUpDue = part.FollowUpDue,
            CreatedAt = part.CreatedAt.ToUniversalTime(),
            StartedAt = part.StartedAt?.ToUniversalTime(),
        };
        if (string.IsNullOrWhiteSpace(part.Name) || part.Name.Length > LearningCycle.NameMaxLength)
        {
            problems.Add($"cycle.name must be 1 to {LearningCycle.NameMaxLength} characters.");
        }
        else if (await db.LearningCycles.AnyAsync(c => c.NetworkId == networkId && c.Name == part.Name, cancellationToken))
        {
            problems.Add($"cycle.name: the network already has a cycle named \"{part.Name}\". Change the name in the file to import it as another cycle.");
        }

        if (Parse<CycleStatus>(part.Status, "cycle.status", problems) is { } status)
        {
            cycle.Status = status;
        }

        if (CycleRules.CheckDates(part.DeskReviewDue, part.VisitDue, part.FeedbackDue, part.ActionPlanDue, part.FollowUpDue) is { } dates)
        {
            problems.Add($"cycle: {dates}");
        }

        cycle.ExcludedPairs = Pairs(part.ExcludedPairs, "cycle.excludedPairs", cities, problems);
        cycle.ForcedPairs = Pairs(part.ForcedPairs, "cycle.forcedPairs", cities, problems);
        var organisations = new Dictionary<int, Dictionary<string, int>>();
        var evidenceTopics = new List<(ReviewEvidence Evidence, ReviewTopic Topic)>();
        for (var i = 0; i < (part.Reviews ?? []).Count; i++)
        {
            var review = await ReviewAsync(db, part.Reviews![i], $"reviews[{i}]", cities, rounds, organisations, evidenceTopics, problems, cancellationToken);
            if (review is not null)
            {
                cycle.Reviews.Add(review);
            }
        }

        if (problems.Count > 0)
        {
            throw new CycleFileException(problems);
        }

        // Evidence points at its topic by id, which the topics get on saving: two saves, one transaction.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.LearningCycles.Add(cycle);
        await db.SaveChangesAsync(cancellationToken);
        if (evidenceTopics.Count > 0)
        {
            foreach (var (evidence, topic) in evidenceTopics)
            {
                evidence.TopicId = topic.Id;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return cycle;
    }

    private static async Task<LearningCycle> LoadAsync(MegaBenchDbContext db, int cycleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.LearningCycles.AsNoTracking().AsSplitQuery()
            .Include(c => c.Reviews).ThenInclude(r => r.HostCity)
            .Include(c => c.Reviews).ThenInclude(r => r.ReviewerCity)
            .Include(c => c.Reviews).ThenInclude(r => r.HostRound)
            .Include(c => c.Reviews).ThenInclude(r => r.ReviewerRound)
            .Include(c => c.Reviews).ThenInclude(r => r.Topics).ThenInclude(t => t.Messages)
            .Include(c => c.Reviews).ThenInclude(r => r.Evidence)
            .Include(c => c.Reviews).ThenInclude(r => r.Meetings).ThenInclude(m => m.Organisation)
            .Include(c => c.Reviews).ThenInclude(r => r.Actions).ThenInclude(a => a.Organisation)
            .Include(c => c.Reviews).ThenInclude(r => r.Actions).ThenInclude(a => a.Notes)
            .SingleOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
            ?? throw new CycleFileException([$"There is no learning cycle {cycleId}."]);
    }

    private static IEnumerable<PeerReview> Ordered(IEnumerable<PeerReview> reviews) => reviews.OrderBy(r => r.GroupNumber).ThenBy(r => r.Id);

    private static CycleDocument ToDocument(LearningCycle cycle)
    {
        var names = cycle.Reviews.SelectMany(r => new[] { (r.HostCityId, r.HostCity!.Name), (r.ReviewerCityId, r.ReviewerCity!.Name) })
            .DistinctBy(c => c.Item1).ToDictionary(c => c.Item1, c => c.Item2);
        List<string[]> PairNames(string pairs) =>
            [.. CycleRules.Pairs(pairs).Select(p => new[] { names.GetValueOrDefault(p.First, p.First.ToString(CultureInfo.InvariantCulture)), names.GetValueOrDefault(p.Second, p.Second.ToString(CultureInfo.InvariantCulture)) })];

        return new CycleDocument
        {
            Format = Format,
            FormatVersion = FormatVersion,
            Cycle = new CyclePart
            {
                Name = cycle.Name,
                Status = RoundJson.Name(cycle.Status),
                AcrossCountries = cycle.AcrossCountries,
                ExcludedPairs = PairNames(cycle.ExcludedPairs),
                ForcedPairs = PairNames(cycle.ForcedPairs),
                MatchingValue = cycle.MatchingValue,
                DeskReviewDue = cycle.DeskReviewDue,
                VisitDue = cycle.VisitDue,
                FeedbackDue = cycle.FeedbackDue,
                ActionPlanDue = cycle.ActionPlanDue,
                FollowUpDue = cycle.FollowUpDue,
                CreatedAt = cycle.CreatedAt,
                StartedAt = cycle.StartedAt,
                Reviews = [.. Ordered(cycle.Reviews).Select(ToPart)],
            },
        };
    }

    private static ReviewPart ToPart(PeerReview review)
    {
        var topics = review.Topics.OrderBy(t => t.Position).ThenBy(t => t.Id).ToList();
        return new ReviewPart
        {
            Group = review.GroupNumber,
            Host = review.HostCity!.Name,
            HostRound = review.HostRound!.Year,
            Reviewer = review.ReviewerCity!.Name,
            ReviewerRound = review.ReviewerRound!.Year,
            GapThemes = [.. review.GapThemeList],
            Briefing = review.Briefing,
            DeskReviewDoneAt = review.DeskReviewDoneAt,
            VisitStart = review.VisitStart,
            VisitEnd = review.VisitEnd,
            VisitPlace = review.VisitPlace,
            VisitDoneAt = review.VisitDoneAt,
            Feedback = review.Feedback,
            FeedbackSubmittedAt = review.FeedbackSubmittedAt,
            HostResponse = review.HostResponse,
            ActionPlanDoneAt = review.ActionPlanDoneAt,
            PublishedAt = review.PublishedAt,
            Topics = [.. topics.Select(t => new TopicPart
            {
                Position = t.Position,
                Theme = t.ThemeCode,
                Statement = t.IndicatorCode,
                Title = t.Title,
                FromMatching = t.FromMatching,
                Messages = [.. t.Messages.OrderBy(m => m.CreatedAt.UtcTicks).ThenBy(m => m.Id).Select(m => new MessagePart { Side = RoundJson.Name(m.Side), Text = m.Text, CreatedAt = m.CreatedAt })],
            })],
            Evidence = [.. review.Evidence.OrderBy(e => e.Id).Select(e => new EvidencePart
            {
                Topic = e.TopicId is { } topicId ? topics.FindIndex(t => t.Id == topicId) : null,
                Side = RoundJson.Name(e.Side),
                Title = e.Title,
                Url = e.Url,
                FileName = e.FileName,
                ContentType = e.ContentType,
                Size = e.Size,
                Content = e.Content,
                CreatedAt = e.CreatedAt,
            })],
            Meetings = [.. review.Meetings.OrderBy(m => m.Date).ThenBy(m => m.Start).ThenBy(m => m.Id).Select(m => new MeetingPart
            {
                Date = m.Date,
                Start = m.Start,
                End = m.End,
                Organisation = m.Organisation?.Name,
                OrganisationName = m.OrganisationName,
                Themes = [.. m.ThemeList],
                Participants = m.Participants,
                Notes = m.Notes,
            })],
            Actions = [.. review.Actions.OrderBy(a => a.Id).Select(a => new ActionPart
            {
                Title = a.Title,
                Statements = [.. a.StatementList],
                Themes = [.. a.ThemeList],
                Organisation = a.Organisation?.Name,
                Deadline = a.Deadline,
                Status = RoundJson.Name(a.Status),
                CreatedAt = a.CreatedAt,
                Notes = [.. a.Notes.OrderBy(n => n.Date).ThenBy(n => n.Id).Select(n => new NotePart { Date = n.Date, Text = n.Text, CreatedAt = n.CreatedAt })],
            })],
        };
    }

    private static async Task<PeerReview?> ReviewAsync(
        MegaBenchDbContext db,
        ReviewPart? part,
        string at,
        Dictionary<string, int> cities,
        Dictionary<(int CityId, int Year), Round> rounds,
        Dictionary<int, Dictionary<string, int>> organisations,
        List<(ReviewEvidence Evidence, ReviewTopic Topic)> evidenceTopics,
        List<string> problems,
        CancellationToken cancellationToken)
    {
        if (part is null)
        {
            problems.Add($"{at} is null.");
            return null;
        }

        Round? RoundOf(string? city, int year, string field)
        {
            if (city is null || !cities.TryGetValue(city, out var cityId))
            {
                problems.Add($"{at}.{field}: the network has no city \"{city}\". Import into the network whose cities the cycle names.");
                return null;
            }

            if (!rounds.TryGetValue((cityId, year), out var round))
            {
                problems.Add($"{at}.{field}: {city} has no {year} round in this network.");
                return null;
            }

            return round;
        }

        var hostRound = RoundOf(part.Host, part.HostRound, "host");
        var reviewerRound = RoundOf(part.Reviewer, part.ReviewerRound, "reviewer");
        if (hostRound is null || reviewerRound is null)
        {
            return null;
        }

        var framework = FrameworkStore.Read(hostRound.Framework!);
        if (!organisations.TryGetValue(hostRound.Id, out var named))
        {
            named = await db.Organisations.AsNoTracking().Where(o => o.RoundId == hostRound.Id).ToDictionaryAsync(o => o.Name, o => o.Id, StringComparer.Ordinal, cancellationToken);
            organisations[hostRound.Id] = named;
        }

        void Themes(IEnumerable<string>? codes, string field)
        {
            foreach (var code in codes ?? [])
            {
                if (framework.FindTheme(code) is null)
                {
                    problems.Add($"{at}.{field}: \"{code}\" is not a theme of framework {framework.Id} {framework.Version}.");
                }
            }
        }

        void Statements(IEnumerable<string>? codes, string field)
        {
            foreach (var code in codes ?? [])
            {
                if (framework.FindIndicator(code) is null)
                {
                    problems.Add($"{at}.{field}: \"{code}\" is not a statement of framework {framework.Id} {framework.Version}.");
                }
            }
        }

        int? Organisation(string? name, string field)
        {
            if (name is null)
            {
                return null;
            }

            if (named.TryGetValue(name, out var id))
            {
                return id;
            }

            problems.Add($"{at}.{field}: {part.Host}'s {part.HostRound} round has no organisation \"{name}\".");
            return null;
        }

        Themes(part.GapThemes, "gapThemes");
        var review = new PeerReview
        {
            GroupNumber = part.Group,
            HostCityId = hostRound.CityId,
            ReviewerCityId = reviewerRound.CityId,
            HostRoundId = hostRound.Id,
            ReviewerRoundId = reviewerRound.Id,
            GapThemes = string.Join(' ', part.GapThemes ?? []),
            Briefing = part.Briefing ?? "",
            DeskReviewDoneAt = part.DeskReviewDoneAt?.ToUniversalTime(),
            VisitStart = part.VisitStart,
            VisitEnd = part.VisitEnd,
            VisitPlace = part.VisitPlace,
            VisitDoneAt = part.VisitDoneAt?.ToUniversalTime(),
            Feedback = part.Feedback ?? "",
            FeedbackSubmittedAt = part.FeedbackSubmittedAt?.ToUniversalTime(),
            HostResponse = part.HostResponse ?? "",
            ActionPlanDoneAt = part.ActionPlanDoneAt?.ToUniversalTime(),
            PublishedAt = part.PublishedAt?.ToUniversalTime(),
        };
        foreach (var (text, field) in new[] { (review.Briefing, "briefing"), (review.Feedback, "feedback"), (review.HostResponse, "hostResponse") })
        {
            if (text.Length > CycleRules.MarkdownMaxLength)
            {
                problems.Add($"{at}.{field} is {text.Length:N0} characters long; it may hold at most {CycleRules.MarkdownMaxLength:N0}.");
            }
        }

        var topics = new List<ReviewTopic>();
        for (var i = 0; i < (part.Topics ?? []).Count; i++)
        {
            var topic = part.Topics![i];
            var where = $"topics[{i}]";
            Themes(topic.Theme is null ? [] : [topic.Theme], where + ".theme");
            Statements(topic.Statement is null ? [] : [topic.Statement], where + ".statement");
            var entity = new ReviewTopic { ThemeCode = topic.Theme, IndicatorCode = topic.Statement, Title = topic.Title ?? "", FromMatching = topic.FromMatching, Position = topic.Position };
            foreach (var message in topic.Messages ?? [])
            {
                if (Parse<ReviewSide>(message.Side, $"{at}.{where}.messages.side", problems) is { } side)
                {
                    entity.Messages.Add(new ReviewMessage { Side = side, Text = message.Text ?? "", CreatedAt = message.CreatedAt.ToUniversalTime() });
                }
            }

            topics.Add(entity);
            review.Topics.Add(entity);
        }

        for (var i = 0; i < (part.Evidence ?? []).Count; i++)
        {
            var evidence = part.Evidence![i];
            if (evidence.Topic is { } index && (index < 0 || index >= topics.Count))
            {
                problems.Add($"{at}.evidence[{i}].topic: there is no topic {index} (the review has {topics.Count}, from 0).");
                continue;
            }

            if (evidence.Content is { } content && EvidenceFiles.Check(evidence.FileName, content) is { Accepted: false } refused)
            {
                problems.Add($"{at}.evidence[{i}]: " + string.Format(CultureInfo.InvariantCulture, refused.Problem!, refused.Arguments));
                continue;
            }

            if (Parse<ReviewSide>(evidence.Side, $"{at}.evidence[{i}].side", problems) is { } side)
            {
                var stored = new ReviewEvidence
                {
                    Side = side,
                    Title = evidence.Title ?? "",
                    Url = evidence.Url,
                    FileName = evidence.FileName,
                    ContentType = evidence.ContentType,
                    Size = evidence.Size,
                    Content = evidence.Content,
                    CreatedAt = evidence.CreatedAt.ToUniversalTime(),
                };
                review.Evidence.Add(stored);
                if (evidence.Topic is { } t)
                {
                    evidenceTopics.Add((stored, topics[t]));
                }
            }
        }

        for (var i = 0; i < (part.Meetings ?? []).Count; i++)
        {
            var meeting = part.Meetings![i];
            Themes(meeting.Themes, $"meetings[{i}].themes");
            review.Meetings.Add(new VisitMeeting
            {
                Date = meeting.Date,
                Start = meeting.Start,
                End = meeting.End,
                OrganisationId = Organisation(meeting.Organisation, $"meetings[{i}].organisation"),
                OrganisationName = meeting.OrganisationName,
                Themes = string.Join(' ', meeting.Themes ?? []),
                Participants = meeting.Participants ?? "",
                Notes = meeting.Notes ?? "",
            });
        }

        for (var i = 0; i < (part.Actions ?? []).Count; i++)
        {
            var action = part.Actions![i];
            Statements(action.Statements, $"actions[{i}].statements");
            Themes(action.Themes, $"actions[{i}].themes");
            var entity = new ReviewAction
            {
                Title = action.Title ?? "",
                Statements = string.Join(' ', action.Statements ?? []),
                Themes = string.Join(' ', action.Themes ?? []),
                OrganisationId = Organisation(action.Organisation, $"actions[{i}].organisation"),
                Deadline = action.Deadline,
                CreatedAt = action.CreatedAt.ToUniversalTime(),
            };
            if (Parse<ActionStatus>(action.Status, $"{at}.actions[{i}].status", problems) is { } status)
            {
                entity.Status = status;
            }

            foreach (var note in action.Notes ?? [])
            {
                entity.Notes.Add(new ActionProgressNote { Date = note.Date, Text = note.Text ?? "", CreatedAt = note.CreatedAt.ToUniversalTime() });
            }

            review.Actions.Add(entity);
        }

        return review;
    }

    private static T? Parse<T>(string? text, string at, List<string> problems)
        where T : struct, Enum
    {
        if (RoundJson.TryParse<T>(text, out var value))
        {
            return value;
        }

        problems.Add($"{at} is \"{text}\"; use one of {RoundJson.Names<T>()}.");
        return null;
    }

    private static string Pairs(List<string[]>? pairs, string at, Dictionary<string, int> cities, List<string> problems)
    {
        var ids = new List<Matching.CityPair>();
        foreach (var pair in pairs ?? [])
        {
            if (pair is not [var first, var second] || !cities.TryGetValue(first, out var a) || !cities.TryGetValue(second, out var b))
            {
                problems.Add($"{at}: [{string.Join(", ", pair ?? [])}] is not a pair of two cities of the network.");
                continue;
            }

            ids.Add(new Matching.CityPair(a, b));
        }

        return CycleRules.JoinPairs(ids);
    }
}

/// <summary>A cycle file that cannot be read or does not fit: every problem found, nothing written.</summary>
public sealed class CycleFileException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

#pragma warning disable CA1002, CA2227, CA1819 // A document read and written by System.Text.Json: plain lists and settable properties.
public sealed class CycleDocument
{
    public string? Format { get; set; }

    public int FormatVersion { get; set; }

    public CyclePart? Cycle { get; set; }
}

public sealed class CyclePart
{
    public string? Name { get; set; }

    public string? Status { get; set; }

    public bool AcrossCountries { get; set; }

    public List<string[]>? ExcludedPairs { get; set; }

    public List<string[]>? ForcedPairs { get; set; }

    public double MatchingValue { get; set; }

    public DateOnly? DeskReviewDue { get; set; }

    public DateOnly? VisitDue { get; set; }

    public DateOnly? FeedbackDue { get; set; }

    public DateOnly? ActionPlanDue { get; set; }

    public DateOnly? FollowUpDue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public List<ReviewPart>? Reviews { get; set; }
}

public sealed class ReviewPart
{
    public int Group { get; set; }

    public string? Host { get; set; }

    public int HostRound { get; set; }

    public string? Reviewer { get; set; }

    public int ReviewerRound { get; set; }

    public List<string>? GapThemes { get; set; }

    public string? Briefing { get; set; }

    public DateTimeOffset? DeskReviewDoneAt { get; set; }

    public DateOnly? VisitStart { get; set; }

    public DateOnly? VisitEnd { get; set; }

    public string? VisitPlace { get; set; }

    public DateTimeOffset? VisitDoneAt { get; set; }

    public string? Feedback { get; set; }

    public DateTimeOffset? FeedbackSubmittedAt { get; set; }

    public string? HostResponse { get; set; }

    public DateTimeOffset? ActionPlanDoneAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public List<TopicPart>? Topics { get; set; }

    public List<EvidencePart>? Evidence { get; set; }

    public List<MeetingPart>? Meetings { get; set; }

    public List<ActionPart>? Actions { get; set; }
}

public sealed class TopicPart
{
    public int Position { get; set; }

    public string? Theme { get; set; }

    public string? Statement { get; set; }

    public string? Title { get; set; }

    public bool FromMatching { get; set; }

    public List<MessagePart>? Messages { get; set; }
}

public sealed class MessagePart
{
    public string? Side { get; set; }

    public string? Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class EvidencePart
{
    /// <summary>The place of its topic in the review's topics, from 0; none when not tied to a topic.</summary>
    public int? Topic { get; set; }

    public string? Side { get; set; }

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>The file's bytes, base64 in the JSON.</summary>
    public byte[]? Content { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class MeetingPart
{
    public DateOnly Date { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }

    /// <summary>One of the host round's organisations, by name.</summary>
    public string? Organisation { get; set; }

    /// <summary>Anyone else met, as written.</summary>
    public string? OrganisationName { get; set; }

    public List<string>? Themes { get; set; }

    public string? Participants { get; set; }

    public string? Notes { get; set; }
}

public sealed class ActionPart
{
    public string? Title { get; set; }

    public List<string>? Statements { get; set; }

    public List<string>? Themes { get; set; }

    /// <summary>The responsible organisation of the host round, by name.</summary>
    public string? Organisation { get; set; }

    public DateOnly? Deadline { get; set; }

    public string? Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<NotePart>? Notes { get; set; }
}

public sealed class NotePart
{
    public DateOnly Date { get; set; }

    public string? Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
#pragma warning restore CA1002, CA2227, CA1819
