// Package rules validates a Children in Need (CIN) census against the
// DfE's validation rules for its collection year, on the same engine as
// the SSDA903's (package validate). This package holds what is the
// census's: its typed input (Input and its rows), and its rules.
//
// NewInput types the census's tables once: every row with its dates
// parsed (DateField keeps the submitted text), each child by LAchildID
// with their identifiers, characteristics, disabilities and episodes of
// need (Detail, a row of CINdetails), each episode with its assessments
// (and their factors), CIN plans, section 47 enquiries and child
// protection plans (and their reviews), joined by CINdetailsID,
// AssessmentID and CPPID. The census period runs from 1 April of the
// collection year to the Header's ReferenceDate (31 March when it is
// missing or not a date). Validate types a census and runs its year's
// rules; each failure names its rule, the child's LAchildID, the table and
// 1-based row, the fields and values it is about, and explains itself in
// words. A rule on the census as a whole (2883, 2886Q, 2887Q, 2888Q)
// fails the Header row and names no child.
//
// Each rule is one block: a package-level value such as rule8875, a Rule
// literal with the DfE's code and message word for word, the tables and
// fields it reads, the years it applies in, and its Check inline, with a
// comment above saying in words what it checks, so that an analyst can
// review one rule at a time against the DfE's wording. Codes ending Q are
// queries, which the authority may answer with a reason; the others are
// errors (IsQuery). Working days are counted with calendar.WorkingDays,
// which knows the England and Wales bank holidays. Rules are grouped by
// theme, one file each, in the DfE's numeric order:
//
//   - children.go: the census (100, 8590) and the child: 1510, 1520,
//     1540, 1550, 1560Q, 1570, 1580, 4180, 4220, 8500, 8510, 8520,
//     8525Q, 8530Q, 8535Q, 8540, 8545Q, 8750, 8775Q, 8790, 8794
//   - census.go: the queries on the whole census, 2886Q, 2887Q, 2888Q,
//     and the UPN's authority (1530) and school-age UPNs (8770Q)
//   - referrals.go: episodes of need: 2990, 4000, 8555Q, 8565, 8568,
//     8569Q, 8585Q, 8600, 8606, 8610, 8620, 8630, 8640, 8650, 8772, 8805,
//     8810, 8815, 8816, 8820, 8825Q, 8831, 8832, 8866
//   - assessments.go: 1103, 2991Q, 8608, 8614, 8670Q, 8696, 8736, 8863Q,
//     8867, 8869, 8873Q, 8896, 8897Q, 8898, 8945Q, 8950Q
//   - section47.go: enquiries and initial conferences: 1104, 2883, 2884,
//     2885, 2889, 8615, 8675Q, 8715, 8740, 8839, 8868, 8870Q, 8875, 8890
//   - plans.go: CIN plans (4001, 4003, 4004, 4008, 4009Q, 4010-4017) and
//     child protection plans (1105, 8720, 8730, 8840, 8841, 8842Q, 8905,
//     8910, 8915, 8920, 8925, 8930, 8935, 8940)
//   - preproceedings.go: the pre-proceedings module, from 2026/27:
//     8995Q, 9000Q, 9005-9013, 9015Q
//
// That is every one of the 109 rules in the peer validator's 2025/26
// registry (data-to-insight/csc-validator-be-cin), each with its DfE
// message and tests. Where Village reads a rule differently from the
// peer, DISAGREEMENTS.md says how and why. Versions by year: 4180, 8750
// and 2886Q check GenderCurrent to 2023/24 and Sex from 2024/25; 1570,
// 1580, 8770Q, 8945Q and 8950Q apply from 2024/25.
//
// Still to do:
//   - 2026/27: the DfE's 2026-27 documents themselves, once found: the
//     year's set is 2025/26's plus the module's rules as the peer gives
//     them (9001-9004 and 9014 are not known; DISAGREEMENTS.md).
//   - The 2022/23 wording of 8770Q ("more than 5 years old"), for
//     census years before 2024/25.
//   - A comparison with the peer on a generated census, row by row, as
//     was done for the 903 (DISAGREEMENTS.md lists what is known from
//     reading its code).
//   - The code lists are the rules' own (vocabulary.go); once the
//     census's code lists (cin.Collection.Codes) land, the code rules
//     should read them, as the 903's do.
//   - Speed: typing a national census allocates about 700 MB; slimmer
//     typed rows (dates only, text read from the row on failure) would
//     halve it.
//
// The package imports no database, file system or network code, so that
// it can be compiled to WebAssembly and run in a browser.
package rules
