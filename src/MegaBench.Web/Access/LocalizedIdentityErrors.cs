using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Access;

/// <summary>
/// The account errors that the forms show (a password too short, an e-mail already used), in the request's
/// language and saying what to do; the codes stay Identity's, so that the pages can still tell them apart.
/// </summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        Error(base.PasswordTooShort(length), "The password is too short: use at least {0} characters; a few words make a good one.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(base.PasswordRequiresUniqueChars(uniqueChars), "The password repeats too few characters: use at least {0} different ones.", uniqueChars);

    public override IdentityError DuplicateUserName(string userName) =>
        Error(base.DuplicateUserName(userName), "An account with the e-mail {0} exists already. Use another address, or give that account the role.", userName);

    public override IdentityError DuplicateEmail(string email) =>
        Error(base.DuplicateEmail(email), "An account with the e-mail {0} exists already. Use another address, or give that account the role.", email);

    public override IdentityError InvalidEmail(string? email) =>
        Error(base.InvalidEmail(email), "This is not an e-mail address. Enter one like name@example.org.");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(base.InvalidUserName(userName), "This is not an e-mail address. Enter one like name@example.org.");

    public override IdentityError PasswordMismatch() =>
        Error(base.PasswordMismatch(), "The current password is not right. Type the password you signed in with.");

    public override IdentityError InvalidToken() =>
        Error(base.InvalidToken(), "This link is not valid: it was already used, it expired, or it was copied incompletely. Ask your administrator for a new link.");

    public override IdentityError ConcurrencyFailure() =>
        Error(base.ConcurrencyFailure(), "Someone else changed this account meanwhile. Reload the page and try again.");

    public override IdentityError DefaultError() =>
        Error(base.DefaultError(), "The account could not be changed. Try again; if it keeps failing, tell the network coordinator.");

    private IdentityError Error(IdentityError original, string message, params object[] arguments) =>
        new() { Code = original.Code, Description = localizer[message, arguments] };
}
