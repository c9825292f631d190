using Ledger.Units;

namespace Ledger.Applications.Kinds;

/// <summary>
/// What bars disposing of a unit (a transfer or a mortgage), read at the instant of recording:
/// a seizure in force, an advance notice without its beneficiary's consent, an objection not acknowledged.
/// </summary>
public static class Disposal
{
    /// <param name="fulfils">Who receives the right: a disposal to an advance notice's beneficiary is the registration it announced.</param>
    public static Refusal? Check(Unit unit, DateTimeOffset now, IReadOnlyList<string> consents, bool acknowledgesObjection, IEnumerable<string> fulfils)
    {
        if (EncumbrancesAt.Seizures(unit, now).FirstOrDefault(s => s.State == SeizureState.InForce) is { } seizure)
            return new Refusal("unit-seized",
                $"Unit {unit.Id} is seized by {seizure.Seizure.Court} (case {seizure.Seizure.CaseNumber}) until {seizure.EndsAt:yyyy-MM-dd}; no transfer or mortgage may be recorded.");
        var receivers = fulfils.ToList();
        if (EncumbrancesAt.AdvanceNotices(unit, now).FirstOrDefault(n => !n.IsFulfilledBy(receivers)) is { } notice
            && !consents.Contains(TransferDetails.AdvanceNoticeBeneficiaryConsent))
            return new Refusal("advance-notice-consent-required",
                $"Advance notice {notice.AdvanceNoticeId} for {notice.Beneficiary.Name} is in force; its beneficiary's written consent is required.");
        if (EncumbrancesAt.Objections(unit, now) is [var objection, ..] && !acknowledgesObjection)
            return new Refusal("objection-acknowledgement-required",
                $"Objection {objection.ObjectionId} is registered on unit {unit.Id}; the applicant must acknowledge in writing that they know of it.");
        return null;
    }
}
