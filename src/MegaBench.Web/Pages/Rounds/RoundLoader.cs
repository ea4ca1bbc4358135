using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Rounds;

internal static class RoundLoader
{
    /// <summary>The round with what its access scope and headings need: its city, network and framework.</summary>
    public static IQueryable<Round> WithContext(this IQueryable<Round> rounds) =>
        rounds.Include(r => r.City).ThenInclude(c => c!.Network).Include(r => r.Framework);
}
