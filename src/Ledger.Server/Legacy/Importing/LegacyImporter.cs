using System.Collections.Concurrent;
using Ledger.Hosting;
using Ledger.Units;
using Ledger.Values;
using Marten;

namespace Ledger.Legacy.Importing;

/// <summary>
/// What an import has written, keyed by <c>row:{office}:{source}:{原记录号}</c> (the row) and <c>cert:{office}:{source}:{certificate}</c>
/// (the record), and <c>parcel:{office}:{land certificate or location}</c> for a provisional parcel: a re-run or a resumed run
/// finds every row it already wrote and writes nothing for it.
/// </summary>
public sealed record LegacyKey(string Id, string UnitCode, string LegacyId, string RowSha256, string File, int Line);

/// <summary>
/// A file's import, committed before its first batch: the highest number under each code prefix it assigns from, as the
/// register stood when the file was first imported. A resumed run assigns every row the same code from these.
/// </summary>
public sealed record ImportRun(
    string Id, string Office, LegacySource Source, string File, string FileSha256, int Records, IReadOnlyDictionary<string, int> Bases,
    DateTimeOffset StartedAt, DateTimeOffset? CompletedAt);

/// <summary>One batch of a file's import, committed in the same transaction as its units.</summary>
public sealed record ImportBatch(string Id, string RunId, int Index, int Records, int Written, DateTimeOffset CommittedAt);

public sealed record ImportOptions(LegacySource Source, string Office, string Path, int BatchSize = 250, int Writers = 2, string ImportedBy = "import");

/// <summary>(records written or found so far, records in the file)</summary>
public readonly record struct ImportTick(int Done, int Total);

sealed record PrefixHighest(string Prefix, int Highest);

/// <summary>Where a record goes: its unit code, the parcel a house stands on, flags, and a provisional parcel it opens.</summary>
sealed record Placement(string UnitCode, string? Parent, List<string> Flags, LegacyKey? NewParcel, RowProblem? Problem = null);

/// <summary>
/// Writes an <see cref="ImportPlan"/> into the register, a batch of units per transaction (several batches at once): each
/// unit's stream (keyed by its code) starts with <see cref="UnitImported"/>, then the first registration at its original
/// date, then the mortgage. Codes are assigned to the whole file before anything is written, from the numbers kept in
/// <see cref="ImportRun"/>, so a run killed at any moment and started again writes every row once, under the same code.
/// </summary>
public sealed class LegacyImporter(IDocumentStore store, LegacyMappings mappings, TimeProvider clock)
{
    public async Task<ImportReport> RunAsync(ImportOptions options, IProgress<ImportTick>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = clock.GetUtcNow();
        if (!Counties.TryGet(options.Office, out _)) throw new ArgumentException($"The office {options.Office} is not a county code of GB/T 2260.", nameof(options));
        var file = LegacyFile.Read(await File.ReadAllBytesAsync(options.Path, ct));
        var plan = ImportPlan.Make(options.Source, file, mappings, options.Office);
        var planSeconds = (clock.GetUtcNow() - started).TotalSeconds;
        progress?.Report(new ImportTick(0, plan.Records.Count));
        var fileName = Path.GetFileName(options.Path);
        var source = options.Source.ToString().ToLowerInvariant();
        var runId = $"{options.Office}:{source}:{file.Sha256}";
        var by = $"{options.ImportedBy}:{options.Office}:{source}";

        ImportRun? run;
        await using (var query = store.QuerySession()) run = await query.LoadAsync<ImportRun>(runId, ct);
        var bases = run?.Bases ?? await BasesAsync(options.Office, options.Source, ct);
        var (placements, touched) = await AssignAsync(options, plan.Records, bases, fileName, ct);
        if (run is null)
        {
            run = new ImportRun(runId, options.Office, options.Source, fileName, file.Sha256, plan.Records.Count,
                touched.ToDictionary(p => p, p => bases.GetValueOrDefault(p), StringComparer.Ordinal), started, null);
            await using var session = store.LightweightSession();
            session.Store(run);
            await session.SaveChangesAsync(ct);
        }

        var units = new ConcurrentBag<ImportedRow>();
        var rejected = new ConcurrentBag<RejectedRow>(plan.Rejected);
        var merged = new ConcurrentBag<MergedRow>();
        var done = 0;
        var batches = plan.Records.Chunk(Math.Max(1, options.BatchSize)).Select((records, index) => (records, index));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Writers), CancellationToken = ct }, async (batch, token) =>
        {
            await using var session = store.LightweightSession();
            var keys = await KeysAsync(session, options, source, batch.records, token);
            var now = clock.GetUtcNow();
            var wrote = 0;
            var written = new List<LegacyKey>(batch.records.Length * 2);
            foreach (var record in batch.records)
            {
                var rowKey = $"row:{options.Office}:{source}:{record.LegacyId}";
                var certKey = $"cert:{options.Office}:{source}:{record.Key}";
                if (keys.TryGetValue(rowKey, out var earlier))
                {
                    if (earlier.RowSha256 == record.RowSha256) units.Add(new ImportedRow(record.Line, record.LegacyId, earlier.UnitCode, true, []));
                    else
                        rejected.Add(new RejectedRow(record.Line, record.LegacyId, [new RowProblem("legacy-record-changed", null,
                            $"原记录号 {record.LegacyId} was imported from line {earlier.Line} of {earlier.File} as unit {earlier.UnitCode} with other content; correct the register with a correction registration, not by importing again.")]));
                    continue;
                }

                if (keys.TryGetValue(certKey, out var same))
                {
                    merged.Add(new MergedRow(record.Line, record.LegacyId, record.Key, null, same.LegacyId, same.UnitCode,
                        $"certificate {record.Key} was imported from line {same.Line} of {same.File}"));
                    continue;
                }

                var placement = placements[record.Line];
                if (placement.Problem is { } full)
                {
                    rejected.Add(new RejectedRow(record.Line, record.LegacyId, [full]));
                    continue;
                }

                if (record.GivenUnitCode is { } given && await session.Events.FetchStreamStateAsync(given, token) is not null)
                {
                    rejected.Add(new RejectedRow(record.Line, record.LegacyId, [new RowProblem("legacy-unit-code-taken", "宗地代码",
                        $"The register already holds unit {given}, not from this record.")]));
                    continue;
                }

                if (placement.NewParcel is { } parcel) written.Add(parcel);
                session.Events.StartStream<Unit>(placement.UnitCode, [.. EventsFor(record, options.Office, placement, fileName, now, by)]);
                written.Add(new LegacyKey(rowKey, placement.UnitCode, record.LegacyId, record.RowSha256, fileName, record.Line));
                written.Add(new LegacyKey(certKey, placement.UnitCode, record.LegacyId, record.RowSha256, fileName, record.Line));
                units.Add(new ImportedRow(record.Line, record.LegacyId, placement.UnitCode, false, placement.Flags));
                wrote++;
            }

            StoreKeys(session, written);
            session.Store(new ImportBatch($"{runId}:{options.BatchSize}:{batch.index}", runId, batch.index, batch.records.Length, wrote, now));
            await session.SaveChangesAsync(token);
            progress?.Report(new ImportTick(Interlocked.Add(ref done, batch.records.Length), plan.Records.Count));
        });

        var finished = clock.GetUtcNow();
        await using (var session = store.LightweightSession())
        {
            session.Store(run with { CompletedAt = run.CompletedAt ?? finished });
            await session.SaveChangesAsync(ct);
        }

        var unitOfLine = units.ToDictionary(u => u.Line, u => u.UnitCode);
        // A row merged in the plan merged into another row of this file: name the unit that row became.
        var allMerged = merged.Concat(plan.Merged.Select(m => m with { UnitCode = m.IntoLine is { } l && unitOfLine.TryGetValue(l, out var c) ? c : null }));
        var imported = units.OrderBy(u => u.Line).ToList();
        return new ImportReport(options.Source, options.Office, fileName, file.Sha256, file.Encoding, file.Rows.Count,
            imported.Count, plan.Merged.Count + merged.Count, rejected.Count, imported.Count(u => u.Earlier), imported.Count(u => u.Flags.Contains("land-link-missing")),
            imported, [.. rejected.OrderBy(r => r.Line)], [.. allMerged.OrderBy(m => m.Line)], plan.NameVariants, plan.IdVariants, started, finished, planSeconds);
    }

    /// <summary>
    /// The batch's keys in one statement, in the batch's transaction: rows of Marten's own <see cref="LegacyKey"/> table, read
    /// back with <c>LoadManyAsync</c> like any document (two keys per unit were a quarter of the statements an import sends).
    /// </summary>
    static void StoreKeys(IDocumentSession session, List<LegacyKey> keys)
    {
        if (keys.Count == 0) return;
        var table = ((IReadOnlyStoreOptions)session.DocumentStore.Options).FindOrResolveDocumentType(typeof(LegacyKey)).TableName.QualifiedName;
        session.QueueSqlCommand(
            $"insert into {table} (id, data, mt_dotnet_type, mt_last_modified) select k.id, k.data::jsonb, ?, transaction_timestamp() from unnest(?::text[], ?::text[]) as k(id, data) " +
            "on conflict (id) do update set data = excluded.data, mt_last_modified = excluded.mt_last_modified",
            typeof(LegacyKey).FullName!, keys.Select(k => k.Id).ToArray(), keys.Select(k => session.DocumentStore.Options.Serializer().ToJson(k)).ToArray());
    }

    static async Task<Dictionary<string, LegacyKey>> KeysAsync(IDocumentSession session, ImportOptions options, string source, LegacyRecord[] batch, CancellationToken ct)
    {
        var ids = batch.SelectMany(r => new[] { $"row:{options.Office}:{source}:{r.LegacyId}", $"cert:{options.Office}:{source}:{r.Key}" })
            .Distinct(StringComparer.Ordinal).ToArray();
        var found = await session.LoadManyAsync<LegacyKey>(ct, ids);
        return found.ToDictionary(k => k.Id, StringComparer.Ordinal);
    }

    /// <summary>The highest number in the register under every parcel prefix (14 characters) and building prefix (24) of the county.</summary>
    async Task<Dictionary<string, int>> BasesAsync(string office, LegacySource source, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var schema = store.Options.DatabaseSchemaName;
        var parcels = await query.AdvancedSql.QueryAsync<PrefixHighest>(
            $"select jsonb_build_object('prefix', substring(id from 1 for 14), 'highest', max(substring(id from 15 for 5)::int)) from {schema}.mt_streams where id like ? and length(id) = 28 and substring(id from 15 for 5) ~ '^[0-9]{{5}}$' group by substring(id from 1 for 14)",
            ct, office + "%");
        var bases = parcels.ToDictionary(p => p.Prefix, p => p.Highest, StringComparer.Ordinal);
        if (source != LegacySource.House) return bases;
        var buildings = await query.AdvancedSql.QueryAsync<PrefixHighest>(
            $"select jsonb_build_object('prefix', substring(id from 1 for 24), 'highest', max(substring(id from 25 for 4)::int)) from {schema}.mt_streams where id like ? and length(id) = 28 and substring(id from 20 for 1) = 'F' and substring(id from 25 for 4) ~ '^[0-9]{{4}}$' group by substring(id from 1 for 24)",
            ct, office + "%");
        foreach (var b in buildings) bases[b.Prefix] = b.Highest;
        return bases;
    }

    /// <summary>
    /// Every record's code, in file order, from <paramref name="bases"/>: a given parcel code as it is (others numbered after
    /// the file's highest given one); a land or sea record the next number of its district, sub-district, ownership and right
    /// kind; a house its land parcel (or a provisional one, flagged) with its 幢号 and the next unit number of that building.
    /// </summary>
    async Task<(Dictionary<int, Placement> Placements, HashSet<string> Touched)> AssignAsync(
        ImportOptions options, List<LegacyRecord> records, IReadOnlyDictionary<string, int> bases, string fileName, CancellationToken ct)
    {
        var office = options.Office;
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        int Next(string prefix)
        {
            touched.Add(prefix);
            var number = next.TryGetValue(prefix, out var n) ? n : bases.GetValueOrDefault(prefix) + 1;
            next[prefix] = number + 1;
            return number;
        }

        foreach (var code in records.Select(r => r.GivenUnitCode).OfType<string>())
        {
            var prefix = code[..14];
            var number = int.Parse(code.AsSpan(14, 5), System.Globalization.CultureInfo.InvariantCulture);
            next[prefix] = Math.Max(next.GetValueOrDefault(prefix, bases.GetValueOrDefault(prefix) + 1), number + 1);
        }

        var links = new Dictionary<string, LegacyKey>(StringComparer.Ordinal);
        if (options.Source == LegacySource.House)
        {
            await using var query = store.QuerySession();
            var ids = records.SelectMany(r => new[] { $"cert:{office}:land:{r.LandCertificateNumber}", ParcelKey(office, r) }).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var chunk in ids.Chunk(1000))
                foreach (var key in await query.LoadManyAsync<LegacyKey>(ct, chunk)) links[key.Id] = key;
        }

        var placements = new Dictionary<int, Placement>(records.Count);
        foreach (var record in records)
        {
            var flags = new List<string>();
            if (record.Geometry is { } boundary && !GeodesicArea.Agrees(record.Area, GeodesicArea.SquareMetres(boundary))) flags.Add("area-differs-from-boundary");
            if (record.Source != LegacySource.House)
            {
                if (record.GivenUnitCode is { } given)
                {
                    placements[record.Line] = new Placement(given, null, flags, null);
                    continue;
                }

                var prefix = $"{office}{ImportPlan.District(record, mappings, office)}{record.Ownership}{record.RightKind}";
                var sequence = Next(prefix);
                placements[record.Line] = sequence <= 99_999
                    ? new Placement($"{prefix}{sequence:D5}W00000000", null, flags, null)
                    : new Placement("", null, flags, null, new RowProblem("legacy-no-free-code", null, $"Sub-district {prefix} has no free parcel number left."));
                continue;
            }

            LegacyKey? opened = null;
            string parcel;
            if (record.LandCertificateNumber is { } land && links.TryGetValue($"cert:{office}:land:{land}", out var landKey))
            {
                parcel = landKey.UnitCode[..19];
            }
            else
            {
                // 房地一致 cannot be shown: the house goes onto a provisional parcel (district+sub-district 000000), one per
                // land certificate as typed (or per location when none), so houses of one building stay together.
                flags.Add("land-link-missing");
                var parcelKey = ParcelKey(office, record);
                if (!links.TryGetValue(parcelKey, out var provisional))
                {
                    provisional = opened = new LegacyKey(parcelKey, $"{office}000000GB{Next($"{office}000000GB"):D5}W00000000", record.LegacyId, record.RowSha256, fileName, record.Line);
                    links[parcelKey] = provisional;
                }

                parcel = provisional.UnitCode[..19];
            }

            var building = $"{parcel}F{record.Building:D4}";
            var unitNumber = Next(building);
            placements[record.Line] = unitNumber <= 9_999
                ? new Placement($"{building}{unitNumber:D4}", $"{parcel}W00000000", flags, opened)
                : new Placement("", null, flags, null, new RowProblem("legacy-no-free-code", "户号", $"Building {building} has no free unit number left."));
        }

        return (placements, touched);
    }

    static string ParcelKey(string office, LegacyRecord house) => $"parcel:{office}:{house.LandCertificateNumber ?? house.Location}";

    IEnumerable<object> EventsFor(LegacyRecord r, string office, Placement placement, string file, DateTimeOffset now, string by)
    {
        var code = placement.UnitCode;
        var application = $"{Imported.ApplicationIdPrefix}{office}:{r.Source.ToString().ToLowerInvariant()}:{r.LegacyId}";
        var registeredAt = Instant(r.RegisteredOn);
        yield return new UnitImported(code, office, UnitCode.Parse(code).Kind, r.Location, r.Area, r.Use, r.Geometry, placement.Parent, registeredAt, r.Source,
            file, r.Line, r.LegacyId, r.CertificateNumber, r.RowSha256, placement.Flags, now, by);
        // A house's right is read from the land beneath it (QLLX 4 on state land, 6 on a homestead, 8 on other collective land).
        var rightType = r.Source != LegacySource.House ? r.RightType : code[12..14] switch { "JC" => "6", "JB" => "8", _ => "4" };
        yield return new FirstRegistrationRecorded(application, office, rightType, r.CoOwnership,
            [.. r.Holders.Select(h => new Holder(h.Name, h.IdNumber, h.Share?.ToString()))], r.Term, r.CertificateNumber, registeredAt, by);
        if (r.Mortgage is { } m)
        {
            // The mortgage cannot precede the right it burdens: an older term start reads as recorded with the right.
            var at = Instant(m.From > r.RegisteredOn ? m.From : r.RegisteredOn);
            yield return new MortgageRecorded(application, office, $"M-{application}", new Mortgagee(m.Mortgagee, mappings.MortgageeCode(m.Mortgagee)!),
                m.Amount, null, new Term(m.From, m.To), false, $"{application}:mortgage", at, by);
        }
    }

    static DateTimeOffset Instant(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), RegistryTime.Offset);
}
