using System.Globalization;
using System.Security.Claims;
using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Account;

/// <summary>
/// A signed-in person's personal API tokens: list, create (the secret is shown once, on the answer to the
/// creating post, and never stored), revoke. A token acts exactly as its owner, so there is nothing to scope.
/// </summary>
[Authorize]
public sealed class TokensModel(MegaBenchDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int NameMaxLength = 100;

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The last day the token works (UTC, yyyy-MM-dd); empty for a token without expiry.</summary>
    [BindProperty]
    public string? Expires { get; set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The secret of the token just created; shown on this one answer only.</summary>
    public string? NewSecret { get; private set; }

    public string? NewTokenName { get; private set; }

    public DateTimeOffset Now { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("A signed-in user without a name-identifier claim.");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = FormHelpers.Clean(Name);
        if (name is null)
        {
            ModelState.AddModelError(nameof(Name), localizer["Enter a name that says where the token is used, e.g. \"nightly export script\"."]);
        }
        else if (name.Length > NameMaxLength)
        {
            ModelState.AddModelError(nameof(Name), localizer["The name is too long: use at most {0} characters.", NameMaxLength]);
        }

        DateTimeOffset? expiresAt = null;
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        if (FormHelpers.Clean(Expires) is { } typed)
        {
            if (!DateOnly.TryParseExact(typed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                ModelState.AddModelError(nameof(Expires), localizer["'{0}' is not a date. Enter the last day the token works as yyyy-MM-dd, or leave it empty.", typed]);
            }
            else if (day < today)
            {
                ModelState.AddModelError(nameof(Expires), localizer["{0} is in the past. Enter today or a later day, or leave it empty.", typed]);
            }
            else
            {
                // The token works until the end of its last day, UTC.
                expiresAt = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var (token, secret) = await ApiTokens.CreateAsync(db, UserId, name!, expiresAt, cancellationToken);
        NewSecret = secret;
        NewTokenName = token.Name;
        Name = null;
        Expires = null;
        ModelState.Clear();

        // The one answer that holds the secret must not be kept by a browser or proxy cache.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId, CancellationToken cancellationToken)
    {
        TempData["Saved"] = await ApiTokens.RevokeAsync(db, UserId, tokenId, cancellationToken)
            ? localizer["The token was revoked: scripts using it are refused from now on."].Value
            : localizer["You have no such token, so nothing was revoked. The list below shows your tokens."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = db.Clock.GetUtcNow();
        var userId = UserId;
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        Tokens = [.. tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)];
    }

    /// <summary>The token's state as a text key of the pages ("Active", "Expired", "Revoked {0}" with the day).</summary>
    public TokenStatus StatusOf(ApiToken token) =>
        token.RevokedAt is { } revoked ? new("Revoked {0}", revoked.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        : token.ExpiresAt is { } expires && expires <= Now ? new("Expired")
        : new("Active");

    public sealed record TokenStatus(string Key, string? Day = null)
    {
        public bool IsActive => Key == "Active";
    }
}
