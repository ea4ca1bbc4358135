using System.ComponentModel.DataAnnotations;
using MegaBench.Data;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Cities;

/// <summary>The fields of the add-city and edit-city forms, and their rules.</summary>
public sealed class CityInput
{
    [Display(Name = "City name")]
    [Required(ErrorMessage = "Enter the city's name.")]
    [StringLength(TextLimits.CityName, ErrorMessage = "The city's name is too long: use at most {1} characters.")]
    public string? Name { get; set; }

    [Display(Name = "Country")]
    [Required(ErrorMessage = "Enter the country, e.g. France.")]
    [StringLength(TextLimits.Country, ErrorMessage = "The country is too long: use at most {1} characters.")]
    public string? Country { get; set; }

    /// <summary>Trims the fields and checks that no other city of the network has the same name (ignoring case).</summary>
    public async Task ValidateAsync(MegaBenchDbContext db, int networkId, int? cityId, ModelStateDictionary modelState, string prefix, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        Name = FormHelpers.Clean(Name);
        Country = FormHelpers.Clean(Country);
        if (Name is null)
        {
            return;
        }

        var others = await db.Cities.AsNoTracking()
            .Where(c => c.NetworkId == networkId && c.Id != cityId)
            .Select(c => c.Name)
            .ToListAsync(cancellationToken);
        if (others.Any(n => string.Equals(n, Name, StringComparison.OrdinalIgnoreCase)))
        {
            modelState.AddModelError($"{prefix}.{nameof(Name)}", localizer["The network already has a city called {0}. Choose another name, or edit that city.", Name!]);
        }
    }

    /// <summary>Adds the validated input as a city of the network (the add-city page and <c>POST /api/networks/{id}/cities</c>).</summary>
    public async Task<City> AddAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var city = new City { NetworkId = networkId, Name = Name!, Country = Country! };
        db.Cities.Add(city);
        await db.SaveChangesAsync(cancellationToken);
        return city;
    }

    /// <summary>Stores the validated input over a tracked city (the edit-city page and <c>PUT /api/cities/{id}</c>).</summary>
    public async Task SaveAsync(MegaBenchDbContext db, City city, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(city);
        city.Name = Name!;
        city.Country = Country!;
        await db.SaveChangesAsync(cancellationToken);
    }
}
