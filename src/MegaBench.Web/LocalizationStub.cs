using MegaBench.Frameworks;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web;

// Temporary: the shape of main's localization (Translator, SharedResource) until it is merged; removed then.
public sealed class SharedResource;

public sealed class Translator(IStringLocalizer<SharedResource> localizer)
{
    public IHtmlContent this[string key, params object[] args] => new HtmlString(System.Net.WebUtility.HtmlEncode(string.Format(System.Globalization.CultureInfo.InvariantCulture, key, args)));

    public string Plain(string key, params object[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, key, args);

    public IHtmlContent Framework(LocalizedText text) => new HtmlString(System.Net.WebUtility.HtmlEncode(text.Source));

    public string Language => "en";

    public IStringLocalizer Localizer => localizer;
}
