using System.IO.Pipelines;
using System.Text;
using JasperFx.Events.Projections;
using Ledger.Hosting;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Ledger.Sharing;

/// <summary>A page of a feed: items in recording order, each with its own cursor, and where to go on from.</summary>
public sealed record FeedPage(IReadOnlyList<System.Text.Json.Nodes.JsonObject> Items, string Next);

/// <summary>Which page a consumer asks for: after a cursor, from the beginning, or from now; of one county's items only, when given.</summary>
public sealed record FeedRequest(string Audience, long After, int Limit, string? County = null)
{
    /// <summary>What a cursor is sealed for: the audience, and the county when the feed is one county's (its cursors serve no other).</summary>
    public string CursorKey => County is null ? Audience : $"{Audience}@{County}";
}

/// <summary>
/// Reading a feed: the rows the sharing projection wrote for one audience after a sequence, in sequence order.
/// Rows exist only below the projection's mark (they commit with it), so nothing later can slip in before them.
/// </summary>
public static class FeedReading
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 5_000;

    public static (FeedRequest?, ProblemDetails) Parse(
        string audience, string? after, string? start, int? limit, FeedCursor cursors, string? county = null)
    {
        var key = new FeedRequest(audience, 0, 0, county).CursorKey;
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
            return (null, Problems.Invalid("invalid-limit", $"limit is 1 to {MaxLimit}."));
        if (after is not null && start is not null)
            return (null, Problems.Invalid("invalid-cursor", "Give either after=<cursor> (from a previous page) or start=beginning|now, not both."));
        if (after is not null)
            return cursors.TryRead(key, after, out var sequence)
                ? (new FeedRequest(audience, sequence, size, county), WolverineContinue.NoProblems)
                : (null, Problems.Invalid("invalid-cursor", "That cursor was not issued by this feed to you; start again with start=beginning or start=now."));
        return start switch
        {
            null or "beginning" => (new FeedRequest(audience, 0, size, county), WolverineContinue.NoProblems),
            "now" => (new FeedRequest(audience, -1, size, county), WolverineContinue.NoProblems),
            _ => (null, Problems.Invalid("invalid-start", "start is beginning or now.")),
        };
    }

    public static IResult Page(FeedRequest request, FeedCursor cursors, IDocumentStore store) => new FeedPageResult(request, cursors, store);

    /// <summary>
    /// A page written straight from the rows to the response, item by item, each stored item with its cursor in front
    /// (<c>{"cursor":"…", &lt;the item's own members&gt;}</c>): no page is ever held whole in memory.
    /// </summary>
    sealed class FeedPageResult(FeedRequest request, FeedCursor cursors, IDocumentStore store) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var ct = httpContext.RequestAborted;
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            var after = request.After >= 0 ? request.After : await MarkAsync(connection, store, ct);

            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            var body = httpContext.Response.BodyWriter;
            Write(body, "{\"items\":[");
            var last = after;
            await using (var command = new NpgsqlCommand(
                             $"select sequence, data ->> 'item' from {store.Options.DatabaseSchemaName}.mt_doc_feeditem where audience = $1 " +
                             (request.County is null ? "" : $"and {Configuration.CountyOfItem} = $4 ") +
                             "and sequence > $2 order by sequence limit $3", connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = request.Audience });
                command.Parameters.Add(new NpgsqlParameter { Value = after });
                command.Parameters.Add(new NpgsqlParameter { Value = request.Limit });
                if (request.County is not null) command.Parameters.Add(new NpgsqlParameter { Value = request.County });
                await using var reader = await command.ExecuteReaderAsync(ct);
                var issuer = cursors.IssuerFor(request.CursorKey);
                var first = true;
                while (await reader.ReadAsync(ct))
                {
                    last = reader.GetInt64(0);
                    Write(body, first ? "{\"cursor\":\"" : ",{\"cursor\":\"");
                    first = false;
                    Write(body, issuer.Issue(last));
                    Write(body, "\",");
                    // The item's UTF-8 bytes as PostgreSQL sent them, after its opening brace: no string in between.
                    using (var item = reader.GetStream(1))
                    {
                        var length = (int)item.Length - 1;
                        if (item.ReadByte() != '{') throw new InvalidDataException($"Feed row {last} does not hold a JSON object.");
                        item.ReadExactly(body.GetSpan(length)[..length]);
                        body.Advance(length);
                    }
                    if (body.UnflushedBytes > 64 * 1024) await body.FlushAsync(ct);
                }
            }
            Write(body, "],\"next\":\"");
            Write(body, cursors.Issue(request.CursorKey, last));
            Write(body, "\"}");
            await body.FlushAsync(ct);
        }

        static void Write(PipeWriter writer, ReadOnlySpan<char> text)
        {
            var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            writer.Advance(Encoding.UTF8.GetBytes(text, span));
        }
    }

    /// <summary>
    /// "From now": after the daemon's high-water mark, below which every sequence is final (committed, or given up by a
    /// transaction that is gone), so a recording committed later is always after it. The sharing projection never
    /// passes that mark; while it is rebuilt its own mark is far behind, and starting there would serve "from now" a
    /// consumer the recordings of years past.
    /// </summary>
    static async Task<long> MarkAsync(NpgsqlConnection connection, IDocumentStore store, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce(max(last_seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_event_progression where name = $1 or name like $2",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ShardState.HighWaterMark });
        command.Parameters.Add(new NpgsqlParameter { Value = SharingProjection.Name + ":%" });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
