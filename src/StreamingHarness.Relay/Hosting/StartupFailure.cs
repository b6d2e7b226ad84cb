using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StreamingHarness.Relay.Hosting;

/// <summary>
/// A configuration the relay cannot start with, as one line: each setting at fault, the value it was given (API keys
/// masked) and the rule it breaks. The generated validator and the binder name the setting but not its value, so the
/// value is read back from the configuration the options were bound from.
/// </summary>
internal static partial class StartupFailure
{
    private const string Prefix = "error: invalid configuration: ";

    /// <summary>The line to print, or null when <paramref name="exception"/> is not a configuration problem.</summary>
    public static string? Describe(Exception exception, IConfiguration? configuration) => exception switch
    {
        OptionsValidationException invalid =>
            Prefix + string.Join("; ", invalid.Failures.Select(failure => WithValue(failure.TrimEnd('.'), configuration))) + ".",

        // Text that is not a number, a duration or a boolean: the binder names the setting and the type.
        InvalidOperationException { InnerException: not null } bind when BinderPath().Match(bind.Message) is { Success: true } at =>
            Prefix + $"{Quote(at.Groups["path"].Value, configuration)}: {bind.GetBaseException().Message.TrimEnd('.')} "
                + $"(expected {at.Groups["type"].Value}).",
        _ => null,
    };

    /// <summary>An API key shown as its length only: a start-up message must never carry a secret.</summary>
    public static string MaskKey(string? key) => $"<masked, {key?.Length ?? 0} characters>";

    private static string WithValue(string failure, IConfiguration? configuration)
    {
        if (PropertyPath().Match(failure) is not { Success: true } path)
        {
            return failure;
        }

        var bound = "Relay:" + path.Groups["path"].Value.Replace('.', ':');
        var setting = configuration is null ? bound : Upstream.UpstreamConfigurationAliases.AsConfigured(bound, configuration);
        var rule = MemberPrefix().Replace(failure, "", 1).Replace(path.Value, setting, StringComparison.Ordinal);
        return $"{Quote(setting, configuration)}: {rule}";
    }

    private static string Quote(string setting, IConfiguration? configuration) =>
        configuration?[setting] is not { } value ? setting
            : setting.StartsWith("Relay:Auth:ApiKeys", StringComparison.OrdinalIgnoreCase) ? $"{setting}={MaskKey(value)}"
            : $"{setting}='{value}'";

    /// <summary>The generated validator's <c>MaxRetries: </c> before the rule, which already names the setting.</summary>
    [GeneratedRegex(@"^\w+: ")]
    private static partial Regex MemberPrefix();

    [GeneratedRegex(@"\bRelayOptions\.(?<path>[A-Za-z0-9_.]*[A-Za-z0-9_])")]
    private static partial Regex PropertyPath();

    [GeneratedRegex(@"configuration value (?:'[^']*' )?at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BinderPath();
}
