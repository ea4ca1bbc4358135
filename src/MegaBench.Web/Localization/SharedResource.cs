namespace MegaBench.Web;

/// <summary>
/// The marker type of the interface texts. Keys are the English source texts; each other language is a file
/// <c>Resources/SharedResource.{language}.resx</c>. Adding a language is adding such a file: the languages
/// offered are discovered from the satellite assemblies the build produces (<see cref="Localization.Languages"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1052:Static holder types should be Static or NotInheritable", Justification = "A marker type for IStringLocalizer<T>; it must be instantiable as a type argument.")]
public sealed class SharedResource;
