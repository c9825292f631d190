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

/// <summary>A file's import, committed with every batch: how far it got, and when it finished.</summary>
public sealed record ImportRun(
    string Id, string Office, LegacySource Source, string File, string FileSha256, int Records, int CommittedRecords, int Batches,
    DateTimeOffset StartedAt, DateTimeOffset LastCommitAt, DateTimeOffset? CompletedAt);

public sealed record ImportOptions(LegacySource Source, string Office, string Path, int BatchSize = 500, string ImportedBy = "import");

/// <summary>(records written or found so far, records in the file)</summary>
public readonly record struct ImportTick(int Done, int Total);

/// <summary>
/// Writes an <see cref="ImportPlan"/> into the register, a batch of units per transaction: each unit's stream (keyed by its
/// code) starts with <see cref="UnitImported"/>, then the first registration at its original date, then the mortgage.
/// The keys and the run document commit with the streams, so a run killed at any moment resumes with no gap and no double.
/// </summary>
public sealed class LegacyImporter(IDocumentStore store, LegacyMappings mappings, TimeProvider clock)
{
    readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);

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

        Reserve(plan.Records);
        var units = new List<ImportedRow>(plan.Records.Count);
        var rejected = new List<RejectedRow>(plan.Rejected);
        var merged = new List<MergedRow>();
        var unitOfLine = new Dictionary<int, string>();
        ImportRun? run;
        await using (var query = store.QuerySession()) run = await query.LoadAsync<ImportRun>(runId, ct);
        run ??= new ImportRun(runId, options.Office, options.Source, fileName, file.Sha256, plan.Records.Count, 0, 0, started, started, null);
        var done = 0;

        foreach (var batch in plan.Records.Chunk(Math.Max(1, options.BatchSize)))
        {
            ct.ThrowIfCancellationRequested();
            await using var session = store.LightweightSession();
            var keys = await KeysAsync(session, options, source, batch, ct);
            var now = clock.GetUtcNow();
            var wrote = 0;
            foreach (var record in batch)
            {
                var rowKey = $"row:{options.Office}:{source}:{record.LegacyId}";
                var certKey = $"cert:{options.Office}:{source}:{record.Key}";
                if (keys.TryGetValue(rowKey, out var earlier))
                {
                    if (earlier.RowSha256 == record.RowSha256)
                    {
                        units.Add(new ImportedRow(record.Line, record.LegacyId, earlier.UnitCode, true, []));
                        unitOfLine[record.Line] = earlier.UnitCode;
                    }
                    else
                    {
                        rejected.Add(new RejectedRow(record.Line, record.LegacyId, [new RowProblem("legacy-record-changed", null,
                            $"原记录号 {record.LegacyId} was imported from line {earlier.Line} of {earlier.File} as unit {earlier.UnitCode} with other content; correct the register with a correction registration, not by importing again.")]));
                    }

                    continue;
                }

                if (keys.TryGetValue(certKey, out var same))
                {
                    merged.Add(new MergedRow(record.Line, record.LegacyId, record.Key, null, same.LegacyId, same.UnitCode,
                        $"certificate {record.Key} was imported from line {same.Line} of {same.File}"));
                    continue;
                }

                var (code, parent, flags, problem) = await PlaceAsync(session, options, record, keys, now, ct);
                if (problem is not null)
                {
                    rejected.Add(new RejectedRow(record.Line, record.LegacyId, [problem]));
                    continue;
                }

                session.Events.StartStream<Unit>(code!, [.. LegacyEventsFor(record, options.Office, code!, parent, flags, fileName, now, by)]);
                session.Store(new LegacyKey(rowKey, code!, record.LegacyId, record.RowSha256, fileName, record.Line),
                    new LegacyKey(certKey, code!, record.LegacyId, record.RowSha256, fileName, record.Line));
                keys[certKey] = new LegacyKey(certKey, code!, record.LegacyId, record.RowSha256, fileName, record.Line);
                units.Add(new ImportedRow(record.Line, record.LegacyId, code!, false, flags));
                unitOfLine[record.Line] = code!;
                wrote++;
            }

            done += batch.Length;
            run = run with { CommittedRecords = Math.Max(run.CommittedRecords, done), Batches = run.Batches + (wrote > 0 ? 1 : 0), LastCommitAt = now };
            session.Store(run);
            await session.SaveChangesAsync(ct);
            progress?.Report(new ImportTick(done, plan.Records.Count));
        }

        var finished = clock.GetUtcNow();
        await using (var session = store.LightweightSession())
        {
            session.Store(run with { CompletedAt = run.CompletedAt ?? finished });
            await session.SaveChangesAsync(ct);
        }

        // A row merged in the plan merged into another row of this file: name the unit that row became.
        merged.AddRange(plan.Merged.Select(m => m with { UnitCode = m.IntoLine is { } l && unitOfLine.TryGetValue(l, out var c) ? c : null }));
        return new ImportReport(options.Source, options.Office, fileName, file.Sha256, file.Encoding, file.Rows.Count,
            units.Count, merged.Count, rejected.Count, units.Count(u => u.Earlier), units.Count(u => u.Flags.Contains("land-link-missing")),
            units, [.. rejected.OrderBy(r => r.Line)], [.. merged.OrderBy(m => m.Line)], plan.NameVariants, plan.IdVariants, started, finished, planSeconds);
    }

    static async Task<Dictionary<string, LegacyKey>> KeysAsync(IDocumentSession session, ImportOptions options, string source, LegacyRecord[] batch, CancellationToken ct)
    {
        var ids = batch.SelectMany(r => new[] { $"row:{options.Office}:{source}:{r.LegacyId}", $"cert:{options.Office}:{source}:{r.Key}" })
            .Concat(batch.Where(r => r.Source == LegacySource.House).SelectMany(r => new[] { $"cert:{options.Office}:land:{r.LandCertificateNumber}", ParcelKey(options.Office, r) }))
            .Distinct(StringComparer.Ordinal).ToArray();
        var found = await session.LoadManyAsync<LegacyKey>(ct, ids);
        return found.ToDictionary(k => k.Id, StringComparer.Ordinal);
    }

    static string ParcelKey(string office, LegacyRecord house) => $"parcel:{office}:{house.LandCertificateNumber ?? house.Location}";

    async Task<(string? Code, string? Parent, List<string> Flags, RowProblem? Problem)> PlaceAsync(
        IDocumentSession session, ImportOptions options, LegacyRecord record, Dictionary<string, LegacyKey> keys, DateTimeOffset now, CancellationToken ct)
    {
        var office = options.Office;
        var flags = new List<string>();
        if (record.Geometry is { } boundary && !GeodesicArea.Agrees(record.Area, GeodesicArea.SquareMetres(boundary))) flags.Add("area-differs-from-boundary");
        switch (record.Source)
        {
            case LegacySource.House:
                string parcel;
                if (record.LandCertificateNumber is { } land && keys.TryGetValue($"cert:{office}:land:{land}", out var landKey))
                {
                    parcel = landKey.UnitCode[..19];
                }
                else
                {
                    // 房地一致 cannot be shown: the house goes onto a provisional parcel (district+sub-district 000000), one per
                    // land certificate as typed (or per location when none), so houses of one building stay together.
                    flags.Add("land-link-missing");
                    var parcelKey = ParcelKey(office, record);
                    if (!keys.TryGetValue(parcelKey, out var provisional))
                    {
                        var number = await NextAsync(session, $"{office}000000GB", 14, 5, ct);
                        provisional = new LegacyKey(parcelKey, $"{office}000000GB{number:D5}W00000000", record.LegacyId, record.RowSha256, Path.GetFileName(options.Path), record.Line);
                        keys[parcelKey] = provisional;
                        session.Store(provisional);
                    }

                    parcel = provisional.UnitCode[..19];
                }

                var building = $"{parcel}F{record.Building:D4}";
                var unitNumber = await NextAsync(session, building, 24, 4, ct);
                if (unitNumber > 9999) return (null, null, flags, new RowProblem("legacy-no-free-code", "户号", $"Building {building} has no free unit number left."));
                return ($"{building}{unitNumber:D4}", $"{parcel}W00000000", flags, null);

            default:
                if (record.GivenUnitCode is { } given)
                {
                    if (await session.Events.FetchStreamStateAsync(given, ct) is not null)
                        return (null, null, flags, new RowProblem("legacy-unit-code-taken", "宗地代码", $"The register already holds unit {given}, not from this record."));
                    return (given, null, flags, null);
                }

                var prefix = $"{office}{ImportPlan.District(record, mappings, office)}{record.Ownership}{record.RightKind}";
                var sequence = await NextAsync(session, prefix, 14, 5, ct);
                if (sequence > 99_999) return (null, null, flags, new RowProblem("legacy-no-free-code", null, $"Sub-district {prefix} has no free parcel number left."));
                return ($"{prefix}{sequence:D5}W00000000", null, flags, null);
        }
    }

    /// <summary>Given parcel codes are the file's own: numbers are assigned after the highest of them, never onto them.</summary>
    void Reserve(IEnumerable<LegacyRecord> records)
    {
        foreach (var code in records.Select(r => r.GivenUnitCode).OfType<string>())
        {
            var prefix = code[..14];
            var number = int.Parse(code.AsSpan(14, 5), System.Globalization.CultureInfo.InvariantCulture);
            _next[prefix] = Math.Max(_next.GetValueOrDefault(prefix), number + 1);
        }
    }

    /// <summary>The next free number after the highest in the register under <paramref name="prefix"/> (asked once per prefix, then counted here).</summary>
    async Task<int> NextAsync(IDocumentSession session, string prefix, int start, int length, CancellationToken ct)
    {
        if (!_next.TryGetValue(prefix + "#db", out _))
        {
            var highest = (await session.AdvancedSql.QueryAsync<int>(
                $"select coalesce(max(substring(id from {start + 1} for {length})::int), 0) from {store.Options.DatabaseSchemaName}.mt_streams where id like ? and substring(id from {start + 1} for {length}) ~ '^[0-9]+$'",
                ct, prefix + "%"))[0];
            _next[prefix + "#db"] = 1;
            _next[prefix] = Math.Max(_next.GetValueOrDefault(prefix, 1), highest + 1);
        }

        var next = _next[prefix];
        _next[prefix] = next + 1;
        return next;
    }

    IEnumerable<object> LegacyEventsFor(LegacyRecord r, string office, string code, string? parent, List<string> flags, string file, DateTimeOffset now, string by)
    {
        var application = $"{Imported.ApplicationIdPrefix}{office}:{r.Source.ToString().ToLowerInvariant()}:{r.LegacyId}";
        var registeredAt = Instant(r.RegisteredOn);
        var kind = UnitCode.Parse(code).Kind;
        yield return new UnitImported(code, office, kind, r.Location, r.Area, r.Use, r.Geometry, parent, registeredAt, r.Source, file, r.Line,
            r.LegacyId, r.CertificateNumber, r.RowSha256, flags, now, by);
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
