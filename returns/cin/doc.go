// Package cin is the Children in Need (CIN) census: the DfE's yearly
// return of every child referred to children's social care in the year
// (1 April to 31 March) and every case open on 1 April, with their
// assessments, section 47 enquiries, CIN plans and child protection plans,
// and from 2026/27 its pre-proceedings (the PreProceedings table).
//
// The census is XML (Message, Header, Children, Child); Village reads it
// into the tables the peer validator (data-to-insight/csc-validator-be-cin)
// flattens it into, one row per element group, each naming its child by
// LAchildID and its referral (CINdetailsID), assessment (AssessmentID) and
// child protection plan (CPPID) by their position, as the XML gives them
// no identifiers. A CSV layout of the same tables is read too.
//
// Every value keeps the text submitted; dates are written YYYY-MM-DD.
package cin
