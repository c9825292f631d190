using System.Text.RegularExpressions;
using Ledger.Tests.Support;

namespace Ledger.Tests.Contracts;

/// <summary>specs/rules.md is the register's rule book: no refusal code may exist without a row and a test.</summary>
public sealed partial class when_checking_the_rules_table
{
    /// <summary>The refusal codes of the shared HTTP contract (shared/API.md), copied here so the check runs anywhere.</summary>
    static readonly string[] ContractCodes =
    [
        "invalid-unit-code", "invalid-geometry", "office-mismatch", "unit-exists", "geometry-overlap", "same-person-review",
        "unit-seized", "advance-notice-consent-required", "objection-acknowledgement-required", "mortgagee-consent-required",
        "not-current-holder", "shares-do-not-sum-to-one", "unit-cancelled", "earlier-application-pending", "not-approved",
        "already-recorded", "concurrency-conflict",
    ];

    /// <summary>Codes no test can provoke on purpose, each listed with its reason in rules.md.</summary>
    static readonly string[] Untestable = ["internal-error"];

    static string Read(params string[] path) => File.ReadAllText(Path.Combine([Repository.Root, .. path]));

    static IEnumerable<string> Files(string folder) =>
        Directory.GetFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    static HashSet<string> CodesTheServerRefusesWith() =>
        [.. Files("src").SelectMany(f => RefusalCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))];

    static string NotYetEnforced(string rules) => rules[rules.IndexOf("## Not yet enforced", StringComparison.Ordinal)..];

    [Fact]
    public void every_code_of_the_contract_and_of_the_server_has_a_row()
    {
        var rules = Read("specs", "rules.md");
        var missing = ContractCodes.Concat(CodesTheServerRefusesWith()).Distinct().Where(c => !rules.Contains($"`{c}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"specs/rules.md lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void every_enforced_code_is_proven_by_at_least_one_test()
    {
        var rules = Read("specs", "rules.md");
        var tests = string.Join("\n", Files("tests/Ledger.Tests").Where(f => !f.EndsWith(nameof(when_checking_the_rules_table) + ".cs", StringComparison.Ordinal)).Select(File.ReadAllText));
        var unproven = ContractCodes.Concat(CodesTheServerRefusesWith()).Distinct()
            .Where(c => !Untestable.Contains(c) && !NotYetEnforced(rules).Contains($"`{c}`", StringComparison.Ordinal))
            .Where(c => !tests.Contains($"\"{c}\"", StringComparison.Ordinal)).ToList();
        Assert.True(unproven.Count == 0, $"no test refers to: {string.Join(", ", unproven)}");
    }

    [Fact]
    public void codes_not_yet_enforced_are_really_not_emitted()
    {
        var deferred = ContractCodes.Where(c => NotYetEnforced(Read("specs", "rules.md")).Contains($"`{c}`", StringComparison.Ordinal));
        Assert.Empty(deferred.Intersect(CodesTheServerRefusesWith()));
    }

    [GeneratedRegex(@"(?:Refusal|Problems\.(?:Invalid|Forbidden|NotFound|Refused|Of))\((?:\d+, )?""([a-z-]+)""")]
    private static partial Regex RefusalCode();
}
