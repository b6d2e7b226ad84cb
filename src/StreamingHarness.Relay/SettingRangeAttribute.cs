using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace StreamingHarness.Relay;

/// <summary>
/// <see cref="RangeAttribute"/> whose error names the setting as it is configured and shows the value that was set
/// ("Relay:Retry:MaxRetries must be between 0 and 10; got 11."): the relay refuses to start on it, and the reader should
/// not have to look the value up. The generated validator (<see cref="RelayOptionsValidator"/>) calls it as it calls any
/// validation attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
internal sealed class SettingRangeAttribute : RangeAttribute
{
    public SettingRangeAttribute(int minimum, int maximum) : base(minimum, maximum)
    {
    }

    public SettingRangeAttribute(double minimum, double maximum) : base(minimum, maximum)
    {
    }

    public SettingRangeAttribute(Type type, string minimum, string maximum) : base(type, minimum, maximum)
    {
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (IsValid(value))
        {
            return ValidationResult.Success;
        }

        // The generator's display name is the options path, "RelayOptions.Retry.MaxRetries".
        var setting = validationContext.DisplayName
            .Replace(nameof(RelayOptions) + ".", RelayOptions.SectionName + ":", StringComparison.Ordinal).Replace('.', ':');
        return new ValidationResult(
            string.Create(CultureInfo.InvariantCulture, $"{setting} must be between {Minimum} and {Maximum}; got {value}."),
            validationContext.MemberName is { } member ? [member] : null);
    }
}
