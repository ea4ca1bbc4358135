using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// Drives server-rendered pages the way a browser does: GET the page, parse it with AngleSharp, fill the
/// form's fields (by default the first form of the main content, not the header's sign-out form; keeping the antiforgery token and every hidden field it holds), POST it, and follow the
/// redirect of a successful save by hand so that tests can see it.
/// </summary>
public static class HtmlForms
{
    private const string TokenField = "__RequestVerificationToken";

    /// <summary>A client that keeps cookies (for the antiforgery token) and does not follow redirects.</summary>
    public static HttpClient CreateBrowser(this MegaBenchAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>GETs a page, checks it answered 200, and parses it.</summary>
    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var document = await ParseAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {document.Body?.TextContent.Trim()}");
        return document;
    }

    /// <summary>Parses a response's HTML, with its request address as the document address.</summary>
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/";
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html).Address(address), TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// GETs <paramref name="url"/>, takes its form (the one matching <paramref name="formSelector"/>, else the
    /// first in the main content with an antiforgery token), sets <paramref name="fields"/> over what the page filled in, and POSTs it.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IReadOnlyDictionary<string, string?> fields, string? formSelector = null)
    {
        var document = await client.GetDocumentAsync(url);
        var form = FindForm(document, formSelector);
        return await client.SubmitAsync(form, fields);
    }

    /// <summary>
    /// The antiforgery token this browser holds, for a request sent as a tampered or stale form would send it: from a
    /// form of <paramref name="url"/> when it has one, else from the sign-out page's form (signed in) or the sign-in
    /// page's (not signed in). Pages without forms carry no token: the layout links to the sign-out page.
    /// </summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string? url = null)
    {
        foreach (var source in new[] { url, "/account/signout", "/account/signin" })
        {
            if (source is not null
                && (await client.GetDocumentAsync(source)).QuerySelector<IHtmlInputElement>($"input[name='{TokenField}']") is { } input)
            {
                return input.Value;
            }
        }

        throw new InvalidOperationException($"No antiforgery token on {url}, the sign-out page or the sign-in page.");
    }

    public static IHtmlFormElement FindForm(IDocument document, string? formSelector = null)
    {
        var form = formSelector is null
            ? document.QuerySelectorAll<IHtmlFormElement>("main form").FirstOrDefault(f => f.QuerySelector($"input[name='{TokenField}']") is not null)
            : document.QuerySelector<IHtmlFormElement>(formSelector);
        Assert.True(form is not null, $"No form {formSelector ?? "with an antiforgery token"} on {document.Url}.");
        return form;
    }

    /// <summary>
    /// POSTs <paramref name="form"/> as a browser would: its successful controls, then <paramref name="fields"/>
    /// (a null value removes the field; a name the form lacks is added, as a tampered request would).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form, IReadOnlyDictionary<string, string?>? fields = null)
    {
        var values = ReadFields(form);
        Assert.True(values.Any(v => v.Key == TokenField), "The form has no antiforgery token: Razor Pages would refuse it.");
        foreach (var (name, value) in fields ?? new Dictionary<string, string?>())
        {
            values.RemoveAll(v => v.Key == name);
            if (value is not null)
            {
                values.Add(new(name, value));
            }
        }

        var action = form.GetAttribute("action") is { Length: > 0 } raw ? raw : new Uri(form.Owner!.Url).PathAndQuery;
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.RelativeOrAbsolute), content, TestContext.Current.CancellationToken);
    }

    /// <summary>Follows a redirect (POST-redirect-GET) and parses the page it leads to.</summary>
    public static async Task<IDocument> FollowAsync(this HttpClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect after the save, got {(int)response.StatusCode}: {(await ParseAsync(response)).QuerySelector("main")?.TextContent.Trim()}");
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>The form's values as a browser submits them: enabled, named, checked (for boxes and radios).</summary>
    public static List<KeyValuePair<string, string>> ReadFields(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !input.IsDisabled && input.Name is { Length: > 0 } name:
                    var type = input.Type.ToLowerInvariant();
                    if (type is "submit" or "button" or "reset" or "image" or "file")
                    {
                        break;
                    }

                    if (type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        break;
                    }

                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea when !textArea.IsDisabled && textArea.Name is { Length: > 0 } name:
                    values.Add(new(name, textArea.Value));
                    break;
                case IHtmlSelectElement select when !select.IsDisabled && select.Name is { Length: > 0 } name:
                    var option = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    if (option is not null)
                    {
                        values.Add(new(name, option.Value));
                    }

                    break;
            }
        }

        return values;
    }

    /// <summary>The message shown beside a field (its element with id <c>{fieldId}-error</c>).</summary>
    public static string FieldError(this IDocument document, string fieldId) =>
        document.GetElementById($"{fieldId}-error")?.TextContent.Trim() ?? "";
}
