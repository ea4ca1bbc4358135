using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;
using static MegaBench.Tests.Frameworks.FrameworkYamlTemplate;

namespace MegaBench.Tests.Frameworks;

/// <summary>A framework's kinds of organisation: its own list when the file has one, MEGA's otherwise; checked like the rest of the file.</summary>
[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class OrganisationKindsTests
{
    private const string Kinds = """

        organisation_kinds:
          - code: cooperative
            name: {en: Growers' cooperative, fr: Coopérative}
          - code: other
            name: {en: Other}
        """;

    [Fact]
    public void A_file_without_kinds_gets_MEGA_s_list_and_keeps_its_hash()
    {
        var framework = FrameworkLoader.LoadYaml(Valid, FileName);

        Assert.Same(OrganisationKind.Defaults, framework.OrganisationKinds);
        Assert.Equal(["city", "department", "region", "intermunicipality", "chamber", "business-association", "migrant-association", "incubator", "foundation", "other"],
            framework.OrganisationKinds.Select(k => k.Code));
        Assert.DoesNotContain("organisationKinds", FrameworkJson.Serialize(framework), StringComparison.Ordinal);
        Assert.DoesNotContain("organisation_kinds", FrameworkYaml.Serialize(framework), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_s_own_kinds_load_in_order_and_survive_JSON_and_YAML()
    {
        var framework = FrameworkLoader.LoadYaml(Valid + Kinds, FileName);

        Assert.Equal(["cooperative", "other"], framework.OrganisationKinds.Select(k => k.Code));
        Assert.Equal("Coopérative", framework.OrganisationKinds[0].Name["fr"]);
        Assert.Equal("Other", framework.OrganisationKinds[1].Name["fr"]);
        var json = FrameworkJson.Serialize(framework);
        Assert.Equal(json, FrameworkJson.Serialize(FrameworkJson.Deserialize(json)));
        Assert.Equal(["cooperative", "other"], FrameworkJson.Deserialize(json).OrganisationKinds.Select(k => k.Code));
        Assert.Equal(json, FrameworkJson.Serialize(FrameworkLoader.LoadYaml(FrameworkYaml.Serialize(framework), FileName)));
        Assert.NotEqual(FrameworkJson.ComputeHash(FrameworkLoader.LoadYaml(Valid, FileName)), FrameworkJson.ComputeHash(framework));
    }

    [Fact]
    public void The_one_kind_check_names_the_valid_codes()
    {
        var framework = FrameworkLoader.LoadYaml(Valid + Kinds, FileName);

        Assert.Null(framework.OrganisationKindProblem("cooperative"));
        Assert.Equal("'chamber' is not a kind of organisation of framework test-fw; use one of cooperative, other", framework.OrganisationKindProblem("chamber"));
    }

    [Theory]
    [InlineData("- code: other", "- code: cooperative  # again", "'code' of organisation kind #2", "organisation kind code 'cooperative' is already used at line")]
    [InlineData("- code: other", "- code: other kind", "other kind", "'code' of organisation kind #2 'other kind' is not a valid code")]
    [InlineData("name: {en: Other}", "name: {en: \"\"}", "name: {en: \"\"}", "the 'en' text of 'name' of organisation kind other is empty")]
    [InlineData("name: {en: Other}", "nam: {en: Other}", "nam:", "unknown key 'nam' in organisation kind other; did you mean 'name'?")]
    [InlineData("- code: other\n    name: {en: Other}", "- name: {en: Other}", "- name: {en: Other}", "organisation kind #2 has no 'code'")]
    public void A_bad_kind_is_rejected_with_its_line(string old, string replacement, string lineMarker, string fragment)
    {
        var yaml = (Valid + Kinds).Replace(old, replacement, StringComparison.Ordinal);

        var failure = LoadFailure(yaml);

        AssertProblem(failure, FileName, LineOf(yaml, lineMarker == "'code' of organisation kind #2" ? "# again" : lineMarker), fragment);
    }

    [Fact]
    public void An_empty_list_is_rejected_on_its_line()
    {
        var yaml = Valid + "\norganisation_kinds: []\n";

        AssertProblem(LoadFailure(yaml), FileName, LineOf(yaml, "organisation_kinds:"), "'organisation_kinds' is empty; list the kinds of organisation (code and name), or remove the key to use MEGA's list");
    }

    [Fact]
    public void A_kind_carried_to_a_framework_without_it_becomes_other_else_the_first_kind()
    {
        var withOther = FrameworkLoader.LoadYaml(Valid + Kinds, FileName);
        var withoutOther = FrameworkLoader.LoadYaml((Valid + Kinds).Replace("  - code: other\n    name: {en: Other}", "", StringComparison.Ordinal), FileName);

        Assert.Equal("cooperative", MegaBench.Rounds.RoundSuccession.KindIn(withOther, "cooperative"));
        Assert.Equal("other", MegaBench.Rounds.RoundSuccession.KindIn(withOther, "chamber"));
        Assert.Equal(["cooperative"], withoutOther.OrganisationKinds.Select(k => k.Code));
        Assert.Equal("cooperative", MegaBench.Rounds.RoundSuccession.KindIn(withoutOther, "chamber"));
    }
}
