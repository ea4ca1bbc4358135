using MegaBench.Data;
using MegaBench.Matching;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Scoring;
using MegaBench.Web.Access;
using MegaBench.Web.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Api;

/// <summary>Scores of a round and the matching of a network, as the report pages show them.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/rounds/{id:int}/scores", async Task<Results<Ok<RoundScoresDto>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var scored = await RoundScores.LoadAsync(db, id, cancellationToken);
            if (scored is null || !access.CanRead(AccessScope.For(scored.Round)))
            {
                return ApiProblems.NotFound("Round", id);
            }

            var round = scored.Round;
            return TypedResults.Ok(new RoundScoresDto(
                round.Id, scored.City.Id, scored.City.Name, round.Year, round.Framework!.FrameworkId, round.Framework.Version, round.Status,
                scored.Framework.Scoring.StageThreshold.ToString(), scored.Framework.Scoring.LowCoverage.ToString(), scored.Score));
        })
        .WithTags("Rounds")
        .WithName("GetRoundScores")
        .WithSummary("Score a round: organisation levels per stage, indicator adoption, group median and ecosystem levels, theme scores 0–100")
        .WithDescription("Every figure is recomputed from the answers by the rules of the methodology page. Tallies count yes, no, not determined and unanswered; lowCoverage marks a figure built on little data.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/api/networks/{id:int}/matching", async Task<Results<Ok<NetworkMatching>, ProblemHttpResult>> (
            int id,
            [FromQuery] bool? acrossCountries,
            [FromQuery] string[]? exclude,
            [FromQuery] string[]? force,
            MegaBenchDbContext db,
            AccessPolicy access,
            CancellationToken cancellationToken) =>
        {
            var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
            if (network is null || await db.NetworkScopeAsync(id, cancellationToken) is not { } networkScope || !access.CanRead(networkScope))
            {
                return ApiProblems.NotFound("Network", id);
            }

            var scores = (await NetworkScores.LoadAsync(db, id, cancellationToken))!;
            scores = scores with { Rounds = [.. scores.Rounds.Where(r => access.CanRead(AccessScope.For(r.Round)))] };
            try
            {
                var excluded = (exclude ?? []).Select(text => NetworkMatching.ParsePair(scores.MatchingCities, text)).ToList();
                var forced = (force ?? []).Select(text => NetworkMatching.ParsePair(scores.MatchingCities, text)).ToList();
                var practices = await ReadablePractices.LoadAsync(db, access, id, cancellationToken);
                // A network with no published round has nothing to compare yet: an empty matching, not an error.
                return TypedResults.Ok(
                    NetworkMatching.Run(scores, new PairingConstraints { AcrossCountriesOnly = acrossCountries == true, Excluded = excluded, Forced = forced }, practices)
                    ?? new NetworkMatching(id, network.Name, acrossCountries == true, exclude ?? [], force ?? [], [], 0, [], [], []));
            }
            catch (MatchingInputException e)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid matching options", detail: e.Message);
            }
        })
        .WithTags("Networks")
        .WithName("GetNetworkMatching")
        .WithSummary("Peer-review pairs of a network that maximise mutual learning, with their reasons and every learning value")
        .WithDescription("Compares each city's latest published round. acrossCountries=true pairs cities of different countries only; exclude=A,B (city names or ids, repeatable) never pairs A with B; force=A,B (repeatable) always pairs A with B (400 when a city is forced twice, a pair is both forced and excluded, or a forced pair is of one country with acrossCountries=true). Each learning link cites the teacher city's practices on the themes the learner looks at. learningValues[a][b] is how much cities[a] can learn from cities[b].")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public sealed record RoundScoresDto(
        int RoundId,
        int CityId,
        string City,
        int Year,
        string FrameworkId,
        string FrameworkVersion,
        RoundStatus Status,
        string StageThreshold,
        string LowCoverageBelow,
        CityScore Score);
}
