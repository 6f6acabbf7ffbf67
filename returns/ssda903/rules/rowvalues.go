package rules

import "github.com/village-uk/village/returns/ssda903"

// The submitted text of each typed row, column by column in its table's
// schema order, as the return gave it: the rules that read whole rows
// (VIL01, VIL03, VIL04) read them from here, so that the raw rows can be
// let go once typed. TestRowValues holds each list to its schema.

func (r *HeaderRow) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.SEX, r.DOB.Text, r.ETHNIC, r.UPN, r.MOTHER, r.MC_DOB.Text, r.UASC)
}

func (r *EpisodeRow) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DECOM.Text, r.RNE, r.LS, r.CIN, r.PLACE, r.PLACE_PROVIDER, r.DEC.Text, r.REC,
		r.REASON_PLACE_CHANGE, r.HOME_POST, r.PL_POST, r.URN)
}

func (r *ReviewRow) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DOB.Text, r.REVIEW.Text, r.REVIEW_CODE)
}

func (r *UASCRow) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.SEX, r.DOB.Text, r.DUC.Text)
}

func (r *OC2Row) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DOB.Text, r.SDQ_SCORE, r.SDQ_REASON, r.CONVICTED, r.HEALTH_CHECK, r.IMMUNISATIONS,
		r.TEETH_CHECK, r.HEALTH_ASSESSMENT, r.SUBSTANCE_MISUSE, r.INTERVENTION_RECEIVED, r.INTERVENTION_OFFERED)
}

func (r *OC3Row) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DOB.Text, r.IN_TOUCH, r.ACTIV, r.ACCOM)
}

func (r *AD1Row) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DOB.Text, r.DATE_INT.Text, r.DATE_MATCH.Text, r.FOSTER_CARE, r.NB_ADOPTR,
		r.SEX_ADOPTR, r.LS_ADOPTR)
}

func (r *PlacedAdoptionRow) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DOB.Text, r.DATE_PLACED.Text, r.DATE_PLACED_CEASED.Text, r.REASON_PLACED_CEASED)
}

func (r *PrevPermRow) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DOB.Text, r.PREV_PERM, r.LA_PERM, r.DATE_PERM)
}

func (r *MissingRow) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DOB.Text, r.MISSING, r.MIS_START.Text, r.MIS_END.Text)
}

func (r *SWEpisodeRow) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DOB.Text, r.SW_ID, r.SW_DECOM.Text, r.SW_DEC.Text, r.SW_REASON)
}

func (r *DoLoRow) appendValues(dst []string) []string {
	return append(dst, r.CHILD, r.DOB.Text, r.DOLO_START.Text, r.DOLO_END.Text)
}

// typedTable is one of a year's typed tables, its rows read as text.
type typedTable struct {
	name ssda903.TableName
	rows int
	// values appends the text of row i's columns, in schema order, to dst.
	values func(i int, dst []string) []string
}

// valuedRow is a typed row that gives its columns' text.
type valuedRow interface{ appendValues(dst []string) []string }

func tableOfRows[R valuedRow](name ssda903.TableName, rows []R) typedTable {
	return typedTable{name: name, rows: len(rows), values: func(i int, dst []string) []string { return rows[i].appendValues(dst) }}
}

// typedTables returns the tables the return had, in the DfE's loading
// order (ssda903.Schemas), with their typed rows.
func (t *Tables) typedTables() []typedTable {
	all := map[ssda903.TableName]typedTable{
		ssda903.Header:         tableOfRows(ssda903.Header, t.Header),
		ssda903.Episodes:       tableOfRows(ssda903.Episodes, t.Episodes),
		ssda903.Reviews:        tableOfRows(ssda903.Reviews, t.Reviews),
		ssda903.UASC:           tableOfRows(ssda903.UASC, t.UASC),
		ssda903.OC2:            tableOfRows(ssda903.OC2, t.OC2),
		ssda903.OC3:            tableOfRows(ssda903.OC3, t.OC3),
		ssda903.AD1:            tableOfRows(ssda903.AD1, t.AD1),
		ssda903.PlacedAdoption: tableOfRows(ssda903.PlacedAdoption, t.PlacedAdoption),
		ssda903.PrevPerm:       tableOfRows(ssda903.PrevPerm, t.PrevPerm),
		ssda903.Missing:        tableOfRows(ssda903.Missing, t.Missing),
		ssda903.SWEpisodes:     tableOfRows(ssda903.SWEpisodes, t.SWEpisodes),
		ssda903.DoLo:           tableOfRows(ssda903.DoLo, t.DoLo),
	}
	var out []typedTable
	for _, s := range ssda903.Schemas {
		if t.Has(s.Name) {
			out = append(out, all[s.Name])
		}
	}
	return out
}
