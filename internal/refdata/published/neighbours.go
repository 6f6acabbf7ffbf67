package published

import (
	"fmt"
	"io"
	"slices"
	"strconv"
)

// NeighbourCount is how many statistical neighbours each authority has.
const NeighbourCount = 10

// Neighbours are the statistical neighbours of each authority, by its
// old_la_code: ten old_la_codes, nearest first.
//
// The layout read is the DfE's wide one, as its children's services
// statistical neighbour benchmarking tool and the CSC outcomes and
// enablers dashboard publish it (sn_model_*_wide.csv): a header, then one
// row per authority with the columns
//
//	old_la_code, la_name, SN_1, SN_2, ..., SN_10
//
// where SN_n is the old_la_code of the authority's n-th nearest
// neighbour. The columns region_ind, region_name, new_la_code and
// SN_1P ... SN_10P (how close, in words: "Very close", "Close", ...) may
// be there too and are not needed; any other column is reported.
type Neighbours map[string][]string

// neighbourColumns are the columns of the neighbours list besides SN_n.
var neighbourColumns = []string{"old_la_code", "la_name", "region_ind", "region_name", "new_la_code"}

// isNeighbours reports whether a header is the neighbours list's.
func isNeighbours(header []string) bool { return slices.Contains(header, "SN_1") }

// ReadNeighbours reads the statistical neighbours list from r, named name.
func ReadNeighbours(name string, r io.Reader) (Neighbours, error) {
	header, rows, err := readRows(name, r, func(header []string) error { return checkNeighbourHeader(name, header) })
	if err != nil {
		return nil, err
	}
	out := Neighbours{}
	lines := map[string]int{}
	for _, r := range rows {
		code, list, err := neighbourRow(name, header, r)
		if err != nil {
			return nil, err
		}
		if first, ok := lines[code]; ok {
			return nil, fmt.Errorf("%s line %d: authority %s is listed again (first on line %d)", name, r.line, code, first)
		}
		lines[code] = r.line
		out[code] = list
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no authorities listed", name)
	}
	return out, nil
}

// checkNeighbourHeader checks the neighbours list's columns.
func checkNeighbourHeader(name string, header []string) error {
	known := slices.Clone(neighbourColumns)
	for n := 1; n <= NeighbourCount; n++ {
		sn := "SN_" + strconv.Itoa(n)
		if !slices.Contains(header, sn) {
			return fmt.Errorf("%s: no %s column: expected old_la_code, la_name, SN_1 to SN_%d", name, sn, NeighbourCount)
		}
		known = append(known, sn, sn+"P")
	}
	if !slices.Contains(header, "old_la_code") {
		return fmt.Errorf("%s: no old_la_code column: expected old_la_code, la_name, SN_1 to SN_%d", name, NeighbourCount)
	}
	for _, col := range header {
		if !slices.Contains(known, col) {
			return fmt.Errorf("%s: column %s is not one of the neighbours list's (old_la_code, la_name, region_ind, region_name, "+
				"new_la_code, SN_1 to SN_%d and SN_1P to SN_%dP): not read rather than guessed at", name, col, NeighbourCount, NeighbourCount)
		}
	}
	return nil
}

// neighbourRow reads one authority's neighbours.
func neighbourRow(name string, header []string, r row) (string, []string, error) {
	line := r.line
	get := func(col string) (string, int) { return r.cells[col], column(header, col) }
	code, at := get("old_la_code")
	if !oldCode(code) {
		return "", nil, fmt.Errorf("%s line %d column %d (old_la_code): %q: expected a three-digit authority code", name, line, at, code)
	}
	list := make([]string, 0, NeighbourCount)
	for n := 1; n <= NeighbourCount; n++ {
		sn, at := get("SN_" + strconv.Itoa(n))
		switch {
		case !oldCode(sn):
			return "", nil, fmt.Errorf("%s line %d column %d (SN_%d): %q: expected a three-digit authority code", name, line, at, n, sn)
		case sn == code:
			return "", nil, fmt.Errorf("%s line %d column %d (SN_%d): %q: an authority is not its own neighbour", name, line, at, n, sn)
		case slices.Contains(list, sn):
			return "", nil, fmt.Errorf("%s line %d column %d (SN_%d): %q: listed twice", name, line, at, n, sn)
		}
		list = append(list, sn)
	}
	return code, list, nil
}

// oldCode reports whether s is a three-digit old_la_code.
func oldCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
