using MegaBench.Data;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Answers;

/// <summary>
/// Saving answers as a coordinator enters them (the organisation's answers page and
/// <c>PUT /api/organisations/{id}/answers/{code}</c>): value, comment, evidence and the coordinator's note, each
/// statement against the version it was read at.
/// </summary>
/// <remarks>
/// Nothing at all is written when any statement's stored version moved on since it was read: the caller gets the
/// stored answers of the conflicting statements and decides. Texts are stored as <see cref="AnswerText.Clean"/> makes
/// them; their limits (<see cref="AnswerText.OverLimit"/> against <see cref="TextLimits"/>) are checked by the caller,
/// which words the message.
/// </remarks>
public static class CoordinatorAnswers
{
    /// <param name="Version">The stored version the statement was read at; 0 when none was stored.</param>
    public sealed record Change(string Code, int Version, AnswerValue Value, string? Comment, string? Evidence, string? CoordinatorNote);

    /// <summary>Whether the change holds what is stored already (texts compared as they would be stored).</summary>
    public static bool SameAsStored(Change change, Answer? stored)
    {
        ArgumentNullException.ThrowIfNull(change);
        return (stored?.Value ?? AnswerValue.Unanswered) == change.Value
            && stored?.Comment == AnswerText.Clean(change.Comment)
            && stored?.Evidence == AnswerText.Clean(change.Evidence)
            && stored?.CoordinatorNote == AnswerText.Clean(change.CoordinatorNote);
    }

    /// <summary>
    /// Writes the changes to the tracked <paramref name="organisation"/> (answers loaded), each with its version
    /// increased by one, unless a stored version differs from the one read. Returns the conflicts, stored answers by
    /// statement code (a statement never answered as version 0); empty when everything was saved.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, Answer>> SaveAsync(
        MegaBenchDbContext db, Organisation organisation, IReadOnlyList<Change> changes, string updatedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(changes);
        var stored = organisation.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
        var conflicts = Conflicts(changes, stored);
        if (conflicts.Count > 0)
        {
            return conflicts;
        }

        foreach (var change in changes)
        {
            var answer = stored.GetValueOrDefault(change.Code);
            if (answer is null)
            {
                answer = new Answer { IndicatorCode = change.Code, Version = 0 };
                organisation.Answers.Add(answer);
            }

            answer.Value = change.Value;
            answer.Comment = AnswerText.Clean(change.Comment);
            answer.Evidence = AnswerText.Clean(change.Evidence);
            answer.CoordinatorNote = AnswerText.Clean(change.CoordinatorNote);
            answer.Version++;
            answer.UpdatedBy = updatedBy;
            answer.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved between our read and our write (the version check or the one-answer-per-statement
            // index refused it). Nothing was written: report what is stored now.
            db.ChangeTracker.Clear();
            var current = await db.Answers.AsNoTracking().Where(a => a.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
            return Conflicts(changes, current.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal));
        }

        return conflicts;
    }

    /// <summary>The changes whose statement is no longer at the version read, with what is stored (version 0: never answered).</summary>
    private static Dictionary<string, Answer> Conflicts(IReadOnlyList<Change> changes, Dictionary<string, Answer> stored) =>
        changes
            .Where(c => (stored.GetValueOrDefault(c.Code)?.Version ?? 0) != c.Version)
            .ToDictionary(c => c.Code, c => stored.GetValueOrDefault(c.Code) ?? new Answer { IndicatorCode = c.Code, Version = 0 }, StringComparer.Ordinal);
}
