using System.CommandLine;
using MegaBench.Localization;

namespace MegaBench.Cli;

/// <summary>The <c>--lang</c> option of the commands that print or write words for people: English unless asked otherwise.</summary>
internal static class CliLanguage
{
    public static Option<string> Option()
    {
        var option = new Option<string>("--lang")
        {
            Description = $"The language of the output: {string.Join(", ", InterfaceText.Available())} (default en).",
            DefaultValueFactory = _ => InterfaceText.SourceLanguage,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!InterfaceText.Supports(value))
            {
                result.AddError($"\"{value}\" is not a language of MegaBench; use one of {string.Join(", ", InterfaceText.Available())}.");
            }
        });
        return option;
    }

    public static InterfaceText Text(ParseResult result, Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(result);
        return InterfaceText.For(result.GetValue(option));
    }
}
