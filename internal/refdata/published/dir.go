package published

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
)

// ReleasesFile names, in a folder of tables, the optional list of which
// release each file was downloaded from: a header "file,release", then a
// row per file, such as
//
//	cla_number_and_rate_per_10k_children.csv,"Children looked after in England including adoptions, 2025 (20 November 2025)"
const ReleasesFile = "releases.csv"

// Tables is every figure of a folder of published tables, with the
// statistical neighbours list.
type Tables struct {
	Figures    []Figure
	Neighbours Neighbours // nil when the folder has no neighbours list
	Files      []Source   // each file read, with its table and release (Line 0)
}

// ReadDir reads every CSV file of dir: the DfE's tables (recognised by
// their columns), the statistical neighbours list (recognised by its SN_1
// column) and releases.csv. Any file Village cannot read is an error, and
// then nothing is returned.
func ReadDir(dir string) (*Tables, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("published tables: %w", err)
	}
	releases, err := readReleases(filepath.Join(dir, ReleasesFile))
	if err != nil {
		return nil, err
	}
	out := &Tables{}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(filepath.Ext(name), ".csv") || name == ReleasesFile {
			continue
		}
		if err := out.readFile(filepath.Join(dir, name), name, releases[name]); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(out.Figures) == 0 {
		return nil, fmt.Errorf("published tables: %s holds none of the DfE's tables Village reads", dir)
	}
	return out, nil
}

// readFile reads one file into t.
func (t *Tables) readFile(path, name, release string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	header, err := csv.NewReader(f).Read()
	if err != nil {
		return fmt.Errorf("%s: reading the header: %w", name, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if isNeighbours(trimHeader(header)) {
		if t.Neighbours != nil {
			return fmt.Errorf("%s: a second statistical neighbours list", name)
		}
		n, err := ReadNeighbours(name, f)
		t.Neighbours = n
		t.Files = append(t.Files, Source{File: name, Table: "statistical neighbours", Release: release})
		return err
	}
	figs, err := ReadTable(name, release, f)
	if err != nil {
		return err
	}
	if len(figs) > 0 {
		t.Files = append(t.Files, Source{File: name, Table: figs[0].Source.Table, Release: figs[0].Source.Release})
	}
	t.Figures = append(t.Figures, figs...)
	return nil
}

// readReleases reads releases.csv, if there is one.
func readReleases(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ReleasesFile, err)
	}
	if len(rows) == 0 || len(rows[0]) != 2 || trimHeader(rows[0])[0] != "file" || rows[0][1] != "release" {
		return nil, fmt.Errorf("%s line 1: expected the header file,release", ReleasesFile)
	}
	out := map[string]string{}
	for i, r := range rows[1:] {
		if r[0] == "" || r[1] == "" {
			return nil, fmt.Errorf("%s line %d: expected a file's name and its release", ReleasesFile, i+2)
		}
		out[r[0]] = r[1]
	}
	return out, nil
}

// Years returns the years the figures of the indicator are for, oldest first.
func (t *Tables) Years(id string) []calendar.Year {
	var out []calendar.Year
	for _, f := range t.Figures {
		if f.ID == id && !slices.Contains(out, f.Year) {
			out = append(out, f.Year)
		}
	}
	slices.Sort(out)
	return out
}

// Of returns the figures of the indicator for the year, in the order read.
func (t *Tables) Of(id string, year calendar.Year) []Figure {
	var out []Figure
	for _, f := range t.Figures {
		if f.ID == id && f.Year == year {
			out = append(out, f)
		}
	}
	return out
}

// Authority returns the area of the authority with the GSS code, from the
// latest year it is in, and whether it is in the tables.
func (t *Tables) Authority(code string) (Area, bool) {
	var best Figure
	found := false
	for _, f := range t.Figures {
		if f.Area.Level == LocalAuthority && strings.EqualFold(f.Area.Code, code) && (!found || f.Year > best.Year) {
			best, found = f, true
		}
	}
	return best.Area, found
}
