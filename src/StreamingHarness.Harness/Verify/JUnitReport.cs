using System.Globalization;
using System.Xml.Linq;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// <c>junit.xml</c>: one testsuite, one testcase per case, a <c>failure</c> element (message = what was seen) for each
/// failed one: the shape GitHub Actions, GitLab and Azure DevOps test reporters read.
/// </summary>
internal static class JUnitReport
{
    public static string Render(VerifyReport report)
    {
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", $"verify {report.Profile} {report.Target}"),
            new XAttribute("tests", report.Results.Count),
            new XAttribute("failures", report.Failed),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(report.Results.Sum(r => r.DurationMs))),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            report.Results.Select(r => new XElement(
                "testcase",
                new XAttribute("classname", $"verify.{report.Profile}"),
                new XAttribute("name", r.Case),
                new XAttribute("time", Seconds(r.DurationMs)),
                r.Passed
                    ? new XElement("system-out", r.Observed)
                    : new XElement("failure", new XAttribute("message", r.Observed), $"expected: {r.Expected}\nobserved: {r.Observed}"))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return $"{document.Declaration}\n{document.Root}\n";
    }

    private static string Seconds(long milliseconds) => (milliseconds / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
}
