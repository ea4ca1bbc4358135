using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Need = MegaBench.Web.Pages.Reviews.ReviewContext.Need;

namespace MegaBench.Web.Pages.Reviews;

/// <summary>
/// Downloads a review's evidence file, for the parties to the review: always as an attachment with the content
/// type stored at upload (from the allow-list of <see cref="MegaBench.Learning.EvidenceFiles"/>), never shown
/// inline; the app sends <c>X-Content-Type-Options: nosniff</c> with every response. A link sends the reader on
/// to its address (checked to be http or https when it was added).
/// </summary>
public sealed class EvidenceModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int evidenceId, CancellationToken cancellationToken)
    {
        var (_, refused) = await ReviewContext.LoadAsync(db, access, id, Need.ReadAll, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var evidence = await db.ReviewEvidence.AsNoTracking()
            .Where(e => e.Id == evidenceId && e.ReviewId == id)
            .Select(e => new { e.Url, e.FileName, e.ContentType, e.Content })
            .SingleOrDefaultAsync(cancellationToken);
        if (evidence is null)
        {
            return NotFound();
        }

        if (evidence.Content is null)
        {
            return evidence.Url is { } url ? Redirect(url) : NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(evidence.Content, evidence.ContentType ?? "application/octet-stream", evidence.FileName ?? "evidence");
    }
}
