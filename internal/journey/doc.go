// Package journey stitches the SSDA903 returns of several collection years
// into each child's journey through care: the child's episodes, repaired
// and de-duplicated, grouped into periods of care, placements and legal
// statuses.
//
// The 903 is longitudinal: an episode open at the end of one year appears
// again in the next year's return, and councils amend earlier years'
// episodes when they submit a later year. Build therefore reads every
// year's Episodes table and reconciles them, following the episode-fix
// rules of the London Innovation and Improvement Alliance (liia-tools,
// fix_episodes.py), with the differences noted below. Every repair is
// counted by kind in Repairs and listed for the child it touched; no row is
// left out without being listed.
//
// # Reading
//
//   - Values are kept as submitted, except that spaces around dates are
//     ignored: the validator reports them, and the journey wants every
//     row it can use.
//   - The child's DOB, SEX and ETHNIC come from the latest return whose
//     Header gives each; a blank, or a DOB that is not a date, does not
//     erase an earlier year's value. UASC is set when any return has the
//     child in its UASC table or flags UASC in its Header (the XML
//     layout's flag).
//   - A row whose CHILD is blank or whose DECOM is not a valid DD/MM/YYYY
//     date cannot be placed in anyone's journey: it is left out (Unusable).
//   - A DEC that is not a valid date, or that is before DECOM, cannot be
//     an end: the episode is read as open (EndsUnreadable) and then
//     repaired as open episodes are, below.
//
// # The same episode in several returns
//
// Episodes are identified by CHILD and DECOM, as LIIA de-duplicates them.
// The version from the latest return wins; each version it replaces is
// compared with the version that replaced it, a PLACE of Z1 counting as
// the same as the Z11-Z14 that replaced it from 2025/26 (rule 503D):
//
//   - identical: DuplicatesDropped;
//   - open before and closed now, nothing else changed (DEC, REC and
//     REASON_PLACE_CHANGE aside): ClosedByNextYear;
//   - any other difference: ReplacedByLaterYear.
//
// Two rows of one return with the same CHILD and DECOM count as
// DuplicatesDropped when identical and otherwise as ConflictsInYear; the
// later row of the file is kept.
//
// # Open episodes (LIIA stage 1)
//
// An open episode from a return that is not the latest loaded is out of
// date: had it still been open, the next year's return would have carried
// it. In this order:
//
//   - StartsAmended (LIIA RULE_3): the episode before or after it comes
//     from a later return with the same RNE, LS, PLACE, PLACE_PROVIDER,
//     PL_POST and URN: the later return moved its DECOM. It is dropped.
//   - RewrittenByLaterYear (LIIA RULE_3A): the episode before it comes from
//     a later return, which rewrote the history around it. It is dropped.
//   - OpenClosedAtYearEnd (LIIA RULE_2): no episode follows it. It is
//     closed on 31 March of its return's year, with REC blank (LIIA writes
//     its own code E99; Village leaves the reason unknown and marks the
//     episode Repaired).
//
// Then, for any open episode that another episode follows, from whichever
// return:
//
//   - OpenClosedBeforeReentry (LIIA RULE_1A): the next episode has RNE S,
//     so the child left care and came back. It is closed the day before the
//     next DECOM, or on 31 March of its return's year if that is earlier,
//     with REC blank, marked Repaired.
//   - OpenClosedAtNext (LIIA RULE_1): otherwise care went on: DEC := the
//     next DECOM and REC := X1, marked Repaired.
//
// An open episode of the latest return that nothing follows stays open.
//
// # Closed episodes (LIIA stage 2)
//
//   - OverlapsTrimmed (LIIA RULE_4): an episode that ends after the next
//     one starts ends when it starts. LIIA trims only when the next episode
//     comes from a later return; Village trims every overlap, so that
//     periods never overlap.
//   - X1GapsFilled (LIIA RULE_5): an episode that ends with X1 before the
//     next one starts, when the next one comes from a later return, ends
//     when the next starts: the later return moved the next DECOM and care
//     went on.
//   - X1GapsClosed: an episode that ends with X1 before the next one
//     starts in the same return, or that no episode follows, ends its
//     period of care: the dates say the child was not looked after in
//     between. Its REC becomes blank (reason unknown), marked Repaired.
//   - X1BeforeStart: an episode that ends with X1 on the day the next one
//     starts, when the next has RNE S: the next starts a new period, so
//     this one's REC becomes blank, marked Repaired.
//
// A repair never leaves DEC before DECOM: a closing date that would fall
// before the episode started is the start itself.
//
// # Periods, placements and legal statuses
//
// A period of care runs through consecutive episodes while each ends with
// X1 on the day the next starts, and ends at the first episode whose REC is
// not X1. An episode with RNE S always starts a period. Short-break
// episodes (LS V3 or V4) are kept, marked ShortBreak, and form periods of
// their own, marked ShortBreak: a chain of X1 episodes that moves between a
// short break and other care is split there, since statistics exclude
// short breaks, and the short-break part ends with X1.
//
// Within a period, a placement is a time with one carer, as the DfE counts
// placements: an episode starts a new placement when its RNE says the
// carer changed (P, or B with a change of legal status too), and continues
// the placement before it when the carer stayed the same (L, a change of
// legal status only; T, a change of placement type only; U, both). A
// fostering placement that becomes long term, or becomes an adoption
// placement with the same carers, is therefore one placement. A
// placement's PLACE, PLACE_PROVIDER, URN and postcodes are those of its
// first episode; the period's episodes give later changes of type. An RNE
// outside that list is judged by the placement fields instead: the same
// PLACE, PLACE_PROVIDER, PL_POST and URN continue the placement.
//
// A temporary move (PLACE T0 to T4), or a run of them, whose next episode
// in the same period has the same PLACE, PLACE_PROVIDER, PL_POST and URN as
// the episode before the move (the child came back), does not start a
// placement: the moves are recorded in the placement's Temporary episodes
// and the return continues the placement, so neither counts as a move. A
// temporary move not followed by such a return (the child moved on, left
// care, or is still away at the end of the data) is a placement of its
// own, since it is where the child was living; moving into or out of it
// always changes placement, whatever the RNE, as a temporary placement has
// no carer to compare.
//
// Consecutive episodes with the same LS are one legal status.
//
// # Location
//
// BuildWith, given a postcode directory, also locates each placement: its
// upper-tier local authority, whether that is outside the authority of
// the returns, and its straight-line distance from the child's home
// postcode in miles by the DfE's formula (see Placement). Build leaves
// them unknown.
package journey
