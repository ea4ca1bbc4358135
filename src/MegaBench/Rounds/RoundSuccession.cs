using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Rounds;

/// <summary>
/// A new round started from an earlier one of the same city: its organisations (group, kind, website, contact,
/// notes, column order) and, optionally, their answers as a starting point.
/// </summary>
/// <remarks>
/// <para>The new round's framework version may differ from the earlier one's. Organisations and answers are carried
/// by code: an organisation whose group the new version no longer has is left out (and named in the result), one
/// whose kind it no longer lists becomes <c>other</c> (or the version's first kind if it has no <c>other</c>), an
/// answer to a statement the new version no longer has is dropped, and statements new in the version start
/// unanswered.</para>
/// <para>A carried answer keeps its value, comment and evidence, and is marked <see cref="Answer.CarriedOverFrom"/>
/// with the earlier round's year until the organisation confirms or changes it (any save clears the mark). The
/// coordinator's notes and who answered are not carried: they were about the earlier round.</para>
/// </remarks>
public static class RoundSuccession
{
    /// <summary>The kind an organisation takes when the new version no longer lists its own.</summary>
    public const string OtherKind = "other";

    /// <summary>
    /// An earlier organisation's kind in the new version: the same when the version lists it, else its <c>other</c>,
    /// else its first kind. The organisation is carried rather than lost; the coordinator corrects the kind if needed.
    /// </summary>
    public static string KindIn(Framework framework, string kind)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return (framework.FindOrganisationKind(kind) ?? framework.FindOrganisationKind(OtherKind) ?? framework.OrganisationKinds[0]).Code;
    }

    /// <summary>What was carried into the new round.</summary>
    /// <param name="LeftOut">Organisations whose group the new framework version has no more.</param>
    public sealed record Carried(int Organisations, int Answers, int DroppedAnswers, IReadOnlyList<string> LeftOut);

    /// <summary>Answers carried over and not yet confirmed among the organisations' answers: how many, and the latest year they came from.</summary>
    public static (int Count, int? Year) Unconfirmed(IEnumerable<Organisation> organisations)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        var carried = organisations.SelectMany(o => o.Answers).Where(a => a.CarriedOverFrom is not null).ToList();
        return (carried.Count, carried.Count == 0 ? null : carried.Max(a => a.CarriedOverFrom));
    }

    /// <summary>Copies the earlier round's organisations (and answers) into the new round, which must have none yet; saved in one transaction with the caller's pending changes.</summary>
    public static async Task<Carried> CarryAsync(MegaBenchDbContext db, Round round, int fromRoundId, bool withAnswers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        var from = await RoundGraph.LoadAsync(db, fromRoundId, cancellationToken, withFramework: false);
        if (from.CityId != round.CityId)
        {
            throw new ArgumentException($"Round {fromRoundId} belongs to another city; a round starts only from its own city's rounds.", nameof(fromRoundId));
        }

        var stored = round.Framework ?? await db.Frameworks.AsNoTracking().SingleAsync(f => f.Id == round.StoredFrameworkId, cancellationToken);
        var framework = FrameworkStore.Read(stored);
        var now = db.Clock.GetUtcNow();
        int organisations = 0, answers = 0, dropped = 0;
        var leftOut = new List<string>();
        foreach (var earlier in from.Organisations.OrderBy(o => o.GroupCode, StringComparer.Ordinal).ThenBy(o => o.Position).ThenBy(o => o.Name, StringComparer.Ordinal))
        {
            if (framework.FindGroup(earlier.GroupCode) is not { } group)
            {
                leftOut.Add(earlier.Name);
                continue;
            }

            var organisation = new Organisation
            {
                Name = earlier.Name,
                GroupCode = earlier.GroupCode,
                Kind = KindIn(framework, earlier.Kind),
                Website = earlier.Website,
                ContactEmail = earlier.ContactEmail,
                Notes = earlier.Notes,
                Position = earlier.Position,
            };
            organisations++;
            if (withAnswers)
            {
                var codes = group.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
                foreach (var answer in earlier.Answers.Where(a => a.Value != AnswerValue.Unanswered || a.Comment is not null || a.Evidence is not null))
                {
                    if (!codes.Contains(answer.IndicatorCode))
                    {
                        dropped++;
                        continue;
                    }

                    organisation.Answers.Add(new Answer
                    {
                        IndicatorCode = answer.IndicatorCode,
                        Value = answer.Value,
                        Comment = answer.Comment,
                        Evidence = answer.Evidence,
                        UpdatedBy = $"carried over from {from.Year}",
                        UpdatedAt = now,
                        Version = 1,
                        CarriedOverFrom = from.Year,
                    });
                    answers++;
                }
            }

            round.Organisations.Add(organisation);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Carried(organisations, answers, dropped, leftOut);
    }
}
