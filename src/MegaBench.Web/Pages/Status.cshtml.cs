using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MegaBench.Web.Pages;

/// <summary>The readable page shown for an error status that a page answered without a body.</summary>
/// <remarks>Heading and explanation are the English texts, keys of SharedResource: the page shows them translated.</remarks>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    // The code comes from the route only: a form field named "code" in the re-executed post must not choose the status.
    public void OnGet([FromRoute] int code) => Describe(code);

    public void OnPost([FromRoute] int code) => Describe(code);

    private void Describe(int code)
    {
        // Keep the original status: re-execution would otherwise answer 200. Only error statuses: /status/200 or
        // /status/0 typed by hand is no page.
        code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = code;
        (Heading, Explanation) = code switch
        {
            404 => ("Page not found", "There is nothing at this address, or you may not see it. Check the address, or start again from the list of networks."),
            403 => ("Not allowed", "Your account may not do this. If you need to, ask the network's administrator for the role it requires."),
            400 => ("The request could not be read", "The form may have expired. Go back, reload the page and send it again."),
            _ => ("Something went wrong", "The request could not be completed. Try again; if it keeps failing, tell the network coordinator."),
        };
    }
}
