// Package synth generates synthetic SSDA903 returns for a fictional local
// authority, Villageshire, calibrated to England's national figures, so
// that Village can be developed, tested and demonstrated without real
// children's data.
//
// Generate simulates children's lives at day resolution over many years:
//
//   - Children enter care as a Poisson stream, each day and single year of
//     age at an age-specific rate times the authority's 0-17 population,
//     which grows by about half a percent a year. Unaccompanied
//     asylum-seeking children (UASC) arrive as a separate stream, almost
//     all aged 14-17. The simulation starts 19 years before the first
//     year it emits (the burn-in), longer than anyone can be looked
//     after, so the number looked after has settled by then.
//   - Each period of care follows a route chosen by age and legal status
//     on starting: police protection or an emergency protection order for
//     a few days; care proceedings on an interim care order ending in a
//     care order, a placement order, a special guardianship or child
//     arrangements order, or a return home (sometimes via placement with
//     parents); accommodation under section 20; remand; and for UASC the
//     national transfer scheme or care until 18. Children in long-term care
//     leave at yearly rates that depend on age, or on their 18th birthday.
//     Some children return to care after going home.
//   - Placements follow the route (fostering for adoption, a move to
//     relatives who will become special guardians, placed with parents,
//     long-term matching, supported accommodation at 16 or 17), with
//     unplanned moves at rates that depend on the placement, age and time
//     in care, and rare temporary moves after which the child returns to
//     the same carers. Carers have a provider, an Ofsted URN where one
//     applies and a postcode in a synthetic postcode directory covering
//     the authority and nine fictional neighbours.
//   - Missing episodes, deprivation of liberty orders, social workers,
//     reviews, health outcomes, care leavers' outcomes, adoptions and
//     previous permanence orders are derived from the same lives.
//
// Each collection year's return holds every episode open at any time in
// the year; episodes that end after the year are shown open. Child IDs and
// dates of birth are stable across years. Codes follow the DfE's code list
// for the year (ssda903.Codes): SEX 1/2 becomes M/F/U in 2024/25, H5 and
// P2 give way to K3, Z1 to Z11-Z14. An "other" placement open when Z1 is
// withdrawn goes on with the same carers: its episode is Z1 in the
// 2024/25 return and one of Z11-Z14 from 2025/26, as rule 503D allows,
// and neither code takes a PLACE_PROVIDER. The returns are meant to pass
// the DfE's validation rules; the rules package's
// TestCleanSyntheticReturnsPassEveryDfERule checks that they do.
//
// With Config.ErrorRate above zero, a share of the rows that can take one
// get a realistic data-entry mistake, each listed in Result.Injected with
// the DfE rule that should report it (confirmed against the rules of the
// peer validator, csc-validator-be-903).
//
// Result.CIN gives the children in need (CIN) census of each year for
// the same area, made on first use: every looked-after child's cases
// (for most a referral shortly before care, sometimes a child protection
// plan, and a case that stays open while they are looked after and closes
// after they leave, with a reason that follows how they left) and a
// Poisson stream of children referred who never come into care, with
// assessments timed in working days (calendar.AddWorkingDays), section 47
// enquiries and initial conferences, child protection plans with reviews,
// CIN plans, closures and re-referrals. Each year's census holds every
// child with a case open at some time in the year, and only the modules
// the DfE's rules allow in that year; dates after 31 March are not yet
// known. CINCensus.WriteXML writes the DfE's XML. cinparams.go and
// PARAMETERS.md give the figures it was tuned to; Result.CINInjected
// lists the mistakes Config.ErrorRate put into it.
//
// Result.Truth states the rates the simulation was given where they are
// constant (first entries by age, before and after Config.EntryChangeFrom;
// the hazard of leaving long-term care by age), so that a model's tests
// can check it recovers them.
//
// Result.Report measures the last emitted year against bands built on the
// national figures; PARAMETERS.md lists every parameter and the figure it
// was tuned to. The same Config always gives the same Result: every child
// has its own random stream, seeded from Config.Seed and the child's place
// in the entry stream.
package synth
