using System.Text.Json;
using MegaBench.Data;
using MegaBench.Frameworks;

namespace MegaBench.Rounds;

/// <summary>Writes a round as a <see cref="RoundDocument"/> (UTF-8 JSON, indented, ending with a newline).</summary>
/// <remarks>
/// Order is fixed so that the same round always gives the same bytes: organisations by group in framework
/// order, then column position, then name; answers in sheet order of their indicators; narrative sections
/// in report order.
/// </remarks>
public static class RoundExporter
{
    /// <param name="withPeople">
    /// False for a reader outside the city's staff: who last changed each answer (a coordinator's name or e-mail) is
    /// left out, so that published data names no member of staff.
    /// </param>
    public static async Task ExportAsync(MegaBenchDbContext db, int roundId, Stream output, CancellationToken cancellationToken, bool withPeople = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        var document = await BuildAsync(db, roundId, cancellationToken, withPeople);
        await JsonSerializer.SerializeAsync(output, document, RoundJson.Options, cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>The document of a round, as <see cref="ExportAsync"/> writes it.</summary>
    /// <exception cref="RoundNotFoundException">No round has that id.</exception>
    public static async Task<RoundDocument> BuildAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken, bool withPeople = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        var round = await RoundGraph.LoadAsync(db, roundId, cancellationToken);

        var city = round.City!;
        var network = city.Network!;
        var stored = round.Framework!;
        var framework = FrameworkStore.Read(stored);

        var groupOrder = framework.Groups.Select((g, i) => (g.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var indicatorOrder = framework.Indicators.Select((ind, i) => (ind.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

        using var definition = JsonDocument.Parse(stored.Definition);
        return new RoundDocument
        {
            Format = RoundDocument.FormatName,
            FormatVersion = RoundDocument.CurrentFormatVersion,
            Network = new RoundNetworkPart { Name = network.Name, Description = network.Description, IsDemo = network.IsDemo },
            City = new RoundCityPart { Name = city.Name, Country = city.Country },
            Round = new RoundPart { Year = round.Year, Status = RoundJson.Name(round.Status), CreatedAt = RoundJson.Time(round.CreatedAt) },
            Framework = new RoundFrameworkPart
            {
                Id = stored.FrameworkId,
                Version = stored.Version,
                ContentHash = stored.ContentHash,
                Definition = definition.RootElement.Clone(),
            },
            Organisations =
            [
                .. round.Organisations
                    .OrderBy(o => groupOrder.GetValueOrDefault(o.GroupCode, int.MaxValue))
                    .ThenBy(o => o.GroupCode, StringComparer.Ordinal)
                    .ThenBy(o => o.Position)
                    .ThenBy(o => o.Name, StringComparer.Ordinal)
                    .Select(o => new RoundOrganisationPart
                    {
                        Name = o.Name,
                        Group = o.GroupCode,
                        Kind = o.Kind,
                        Website = o.Website,
                        Notes = o.Notes,
                        Position = o.Position,
                        Answers =
                        [
                            .. o.Answers
                                .OrderBy(a => indicatorOrder.GetValueOrDefault(a.IndicatorCode, int.MaxValue))
                                .ThenBy(a => a.IndicatorCode, StringComparer.Ordinal)
                                .Select(a => new RoundAnswerPart
                                {
                                    Indicator = a.IndicatorCode,
                                    Value = RoundJson.Name(a.Value),
                                    Comment = a.Comment,
                                    Evidence = a.Evidence,
                                    CoordinatorNote = a.CoordinatorNote,
                                    UpdatedBy = withPeople ? a.UpdatedBy : null,
                                    UpdatedAt = a.UpdatedAt is { } at ? RoundJson.Time(at) : null,
                                    Version = a.Version,
                                }),
                        ],
                    }),
            ],
            Narrative =
            [
                .. round.Narrative
                    .OrderBy(n => n.Kind)
                    .Select(n => new RoundNarrativePart { Kind = RoundJson.Name(n.Kind), Markdown = n.Markdown }),
            ],
        };
    }
}

public sealed class RoundNotFoundException(int roundId)
    : Exception($"There is no round with id {roundId} in this database. Check the id, and that the database " +
                "settings (--connection-string, or Database__ConnectionString) point at the right database.")
{
    public int RoundId { get; } = roundId;
}
