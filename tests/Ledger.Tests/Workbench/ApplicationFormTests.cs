using System.Text.Json.Nodes;
using Ledger.Workbench;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Ledger.Tests.Workbench;

/// <summary>The clerk's form of each application type reads back into the details the API takes.</summary>
public sealed class ApplicationFormTests
{
    static readonly Visitor Clerk = new("token", "clerk", "王", "110105198001010011", "110105", English: false);

    static (JsonObject? Details, string? Problem) Read(string type, params (string Box, string Value)[] boxes) =>
        ApplicationForm.Read(Clerk, ApplicationTypes.Find(type)!, new FormCollection(boxes.ToDictionary(b => b.Box, b => new StringValues(b.Value))));

    [Fact]
    public void a_mortgage_form_reads_as_the_mortgage_details()
    {
        var (details, problem) = Read("mortgage",
            ("d.mortgagee.name", "中国工商银行北京朝阳支行"), ("d.mortgagee.code", "91350100M000100Y43"), ("d.amount", "1,000,000"),
            ("d.term.from", "2025-02-01"), ("d.term.to", "2045-01-31"), ("d.restrictsTransfer", "true"));

        Assert.Null(problem);
        Assert.Equal(
            """{"mortgagee":{"name":"中国工商银行北京朝阳支行","code":"91350100M000100Y43"},"amount":1000000,"term":{"from":"2025-02-01","to":"2045-01-31"},"restrictsTransfer":true}""",
            details!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void people_are_one_a_line_with_a_share_when_shares_are_held()
    {
        var (details, _) = Read("first-registration", ("d.rightType", "3"), ("d.coOwnership", "shares"),
            ("d.holders", "张三,11010519491231002X,1/2\n李四，110105198505050038，1/2\n"));

        var holders = details!["holders"]!.AsArray();
        Assert.Equal(2, holders.Count);
        Assert.Equal(("李四", "110105198505050038", "1/2"),
            (holders[1]!["name"]!.GetValue<string>(), holders[1]!["idNumber"]!.GetValue<string>(), holders[1]!["share"]!.GetValue<string>()));
    }

    [Fact]
    public void an_empty_box_is_left_out_so_the_api_names_what_is_missing()
    {
        var (details, problem) = Read("transfer", ("d.to", "李四,110105198505050038"), ("d.coOwnership", "sole"), ("d.reason", "sale"), ("d.price", " "));

        Assert.Null(problem);
        Assert.False(details!.ContainsKey("price"));
    }

    [Fact]
    public void a_box_that_cannot_be_read_is_named()
    {
        Assert.Contains("price", Read("transfer", ("d.price", "三百万")).Problem, StringComparison.Ordinal);
        Assert.Contains("corrected", Read("correction", ("d.corrected", "{not json")).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void every_type_has_a_box_for_each_member_of_its_details()
    {
        foreach (var kind in ApplicationTypes.All)
        {
            var members = JsonNode.Parse(kind.Example)!.AsObject().Select(p => p.Key).ToList();
            var boxes = ApplicationForm.Boxes(Clerk, kind, null).Value;
            Assert.All(members, m => Assert.Contains($"name=\"d.{m}", boxes, StringComparison.Ordinal));
        }
    }
}
