using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MegaBench.Data;

/// <summary>
/// A mapped property as hand-written SQL needs it: its quoted column name and its type mapping, both read from the EF
/// model, so that the few statements written by hand (the autosave writer, the scoring read of a whole network, the bulk rows of an import) name
/// the same columns and convert values the same way as EF on either database; <see cref="BulkRows{T}"/> writes a network
/// import's rows through them.
/// </summary>
internal sealed class MappedColumn
{
    private MappedColumn(IProperty property, ISqlGenerationHelper sql)
    {
        Property = property;
        Mapping = property.GetRelationalTypeMapping();
        Name = sql.DelimitIdentifier(property.GetColumnName());
    }

    public IProperty Property { get; }

    public RelationalTypeMapping Mapping { get; }

    /// <summary>The quoted column name.</summary>
    public string Name { get; }

    /// <summary>The column of <typeparamref name="T"/>'s property named <paramref name="property"/>.</summary>
    public static MappedColumn Of<T>(DbContext db, string property)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new(db.Model.FindEntityType(typeof(T))!.FindProperty(property)!, db.GetService<ISqlGenerationHelper>());
    }

    /// <summary>The quoted table name of <typeparamref name="T"/>.</summary>
    public static string Table<T>(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.GetService<ISqlGenerationHelper>().DelimitIdentifier(db.Model.FindEntityType(typeof(T))!.GetTableName()!);
    }

    /// <summary>A parameter holding <paramref name="value"/> as this column stores it (the model's value conversion applied).</summary>
    public DbParameter Parameter(DbCommand command, string name, object? value) =>
        Mapping.CreateParameter(command, name, value, Property.IsNullable);

    /// <summary>What the column stores for <paramref name="value"/>: the value through the model's value conversion.</summary>
    public object? ToStored(object? value) =>
        value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;

    /// <summary>Reads the column's value as the model's CLR type, through the model's value conversion.</summary>
    public T? Read<T>(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsDBNull(ordinal))
        {
            return default;
        }

        if (Mapping.Converter is { } converter)
        {
            return (T?)converter.ConvertFromProvider(reader.GetValue(ordinal));
        }

        // Nullable columns are read as their underlying type (SQLite's DateTimeOffset is text parsed by the reader).
        return typeof(T) == typeof(DateTimeOffset?)
            ? (T)(object)reader.GetFieldValue<DateTimeOffset>(ordinal)
            : reader.GetFieldValue<T>(ordinal);
    }
}
