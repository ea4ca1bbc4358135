using System.Globalization;
using System.Numerics;

namespace MegaBench.Frameworks;

/// <summary>
/// An exact rational number: the form in which every figure derived from answers is compared (a stage's share
/// met against the threshold, a theme score against the network median and the margin).
/// </summary>
/// <remarks>
/// <para>Figures are built from counts (yes / (yes + no), means of such shares, × 100), so they are rationals,
/// and a comparison "at least 15 points below the median" must hold exactly at the boundary: 65/3 is exactly
/// 15 below 110/3, but in floating point 110/3 − 65/3 is 14.999999999999998. Comparisons therefore go through
/// <see cref="CompareTo(Fraction)"/>, which cross-multiplies whole numbers; doubles are for display only.</para>
/// <para>Always reduced, with a positive denominator, so that equal values have equal fields. The numbers are
/// <see cref="BigInteger"/>s: a mean over many indicators multiplies their denominators, and a fraction with
/// small terms costs no allocation.</para>
/// </remarks>
public readonly struct Fraction : IEquatable<Fraction>, IComparable<Fraction>
{
    private readonly BigInteger _denominator;

    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A fraction's denominator must not be zero.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        Numerator = numerator;
        _denominator = denominator;
    }

    public static Fraction Zero => new(0, 1);

    public BigInteger Numerator { get; }

    /// <summary>Positive; 1 for <c>default(Fraction)</c>, which is zero.</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    /// <summary>The nearest double, for display and charts; never for comparisons.</summary>
    public double ToDouble() => Denominator.IsOne ? (double)Numerator : (double)Numerator / (double)Denominator;

    /// <summary>The exact value of a decimal such as a margin of 12.5 points.</summary>
    public static Fraction FromDecimal(decimal value)
    {
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return new Fraction(value < 0 ? -magnitude : magnitude, BigInteger.Pow(10, scale));
    }

    public static Fraction operator +(Fraction a, Fraction b) =>
        new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) =>
        new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static implicit operator Fraction(int value) => new(value, 1);

    public static Fraction Add(Fraction left, Fraction right) => left + right;

    public static Fraction Subtract(Fraction left, Fraction right) => left - right;

    public static Fraction Multiply(Fraction left, Fraction right) => left * right;

    public static Fraction Divide(Fraction left, Fraction right) => left / right;

    public static Fraction FromInt32(int value) => value;

    /// <summary>The one comparison of exact figures: a/b against c/d as a·d against c·b (denominators are positive).</summary>
    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public bool Equals(Fraction other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Fraction other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public static bool operator ==(Fraction left, Fraction right) => left.Equals(right);

    public static bool operator !=(Fraction left, Fraction right) => !left.Equals(right);

    public static bool operator <(Fraction left, Fraction right) => left.CompareTo(right) < 0;

    public static bool operator <=(Fraction left, Fraction right) => left.CompareTo(right) <= 0;

    public static bool operator >(Fraction left, Fraction right) => left.CompareTo(right) > 0;

    public static bool operator >=(Fraction left, Fraction right) => left.CompareTo(right) >= 0;

    /// <summary>"110/3", or "15" for a whole number.</summary>
    public override string ToString() =>
        Denominator.IsOne
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
