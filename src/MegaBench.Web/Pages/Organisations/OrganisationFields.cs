using MegaBench.Frameworks;

namespace MegaBench.Web.Pages.Organisations;

/// <summary>What the shared organisation fields need: the typed values and the round's framework.</summary>
public sealed record OrganisationFields(OrganisationInput Input, Framework Framework);
