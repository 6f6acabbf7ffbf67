// Package browser validates a return from files held in memory, as the
// static site's WebAssembly validator does in a browser: the same reading,
// rules, summary and report as "village validate" on a folder of those
// files, with nothing read from or written to a disk or a network.
package browser

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/village-uk/village/internal/present/report"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	cinrules "github.com/village-uk/village/returns/cin/rules"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/rules"
	"github.com/village-uk/village/validate"
)

// File is a file chosen on the page: its name and its bytes.
type File struct {
	Name string
	Data []byte
}

// Result is a validated return.
type Result struct {
	Return  *returns.Return
	Report  *validate.Report
	Summary validate.Summary
	Files   []string
}

// Validate reads files as one year's return, the 903's CSV or XML files
// or a CIN census alone, and runs its collection year's rules over it.
func Validate(files []File) (*Result, error) {
	if len(files) == 0 {
		return nil, errors.New("no files chosen: choose a year's SSDA903 files (CSV or XML) or a CIN census (XML)")
	}
	var census []File
	for _, f := range files {
		if !isReturnFile(f.Name) {
			return nil, fmt.Errorf("%s is not a file Village reads: expected .csv or .xml", f.Name)
		}
		if strings.EqualFold(path.Ext(f.Name), ".xml") && cin.Sniff(f.Data) {
			census = append(census, f)
		}
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
	}
	if len(census) > 0 && len(files) > 1 {
		return nil, fmt.Errorf("%s is a CIN census: choose it alone, or the SSDA903's files without it", census[0].Name)
	}
	var (
		r   *returns.Return
		rep *validate.Report
		err error
	)
	if len(census) == 1 {
		r, rep, err = validateCIN(census[0])
	} else {
		r, rep, err = validate903(files)
	}
	if err != nil {
		return nil, err
	}
	return &Result{Return: r, Report: rep, Summary: rep.Summarise(), Files: names}, nil
}

func isReturnFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".csv" || ext == ".xml"
}

// validate903 reads the 903's files as "village validate" reads a year's
// folder: each table from one file only, the year the data covers.
func validate903(files []File) (*returns.Return, *validate.Report, error) {
	r := ssda903.NewReturn(0, "")
	var fatal returns.Problems
	from := map[returns.TableName]string{}
	for _, f := range files {
		tables, problems, err := read(ssda903.Collection, f)
		if err != nil {
			fatal = append(fatal, returns.AsProblems(err, f.Name)...)
			continue
		}
		r.Problems = append(r.Problems, problems...)
		for name, t := range tables {
			if first, dup := from[name]; dup {
				fatal = append(fatal, &returns.Problem{Severity: returns.Fatal, File: f.Name,
					Message: fmt.Sprintf("holds the %s table, which %s holds too", name, first), Expected: "each table in one file only"})
				continue
			}
			from[name] = f.Name
			r.Tables[name] = t
		}
	}
	if len(fatal) > 0 {
		return nil, nil, fatal
	}
	y, ok := ssda903.InferYear(r)
	if !ok {
		return nil, nil, fmt.Errorf("cannot tell which collection year the files cover: %s", ssda903.Collection.YearUnknown)
	}
	r.Year = y
	for name, t := range r.Tables {
		if !ssda903.Collection.Schema(name).InYear(r.Year) && t.Len() == 0 {
			delete(r.Tables, name)
		}
	}
	if !rules.Rules().Complete(r.Year) {
		return nil, nil, fmt.Errorf("no complete rule set for %s; Village has %s", r.Year, years(rules.Rules().Years()))
	}
	return r, rules.Validate(rules.NewInputFreeing(r, nil, nil)), nil
}

// validateCIN reads a CIN census as "village validate" reads one.
func validateCIN(f File) (*returns.Return, *validate.Report, error) {
	tables, problems, err := read(cin.Collection, f)
	if err != nil {
		return nil, nil, err
	}
	r := returns.NewReturn(cin.Collection, 0, "")
	r.Tables, r.Problems = tables, problems
	y, ok := cin.InferYear(r)
	if !ok {
		return nil, nil, fmt.Errorf("cannot tell which collection year %s covers: %s", f.Name, cin.Collection.YearUnknown)
	}
	r.Year = y
	return r, cinrules.Validate(r), nil
}

func years[Y fmt.Stringer](ys []Y) string {
	names := make([]string, len(ys))
	for i, y := range ys {
		names[i] = y.String()
	}
	return strings.Join(names, " and ")
}

// wholeFile is a file's bytes as a reader that also gives them whole, as
// the readers prefer.
type wholeFile struct {
	*bytes.Reader
	data []byte
}

func (f wholeFile) WholeBytes() []byte { return f.data }

// read reads one file's tables, by its extension.
func read(c *returns.Collection, f File) (map[returns.TableName]*returns.Table, returns.Problems, error) {
	in := wholeFile{bytes.NewReader(f.Data), f.Data}
	if strings.EqualFold(path.Ext(f.Name), ".xml") {
		return c.ReadXML(f.Name, in)
	}
	t, problems, err := c.ReadCSV(f.Name, in)
	if err != nil {
		return nil, nil, err
	}
	return map[returns.TableName]*returns.Table{t.Name(): t}, problems, nil
}

// Download writes the failures in a format, "csv", "json" or "xlsx", the
// bytes "village validate --out" writes for the same files.
func (res *Result) Download(format string) ([]byte, error) {
	var buf bytes.Buffer
	err := report.WriteSummarised(&buf, "failures."+format, res.Report, res.Summary, res.Return.LA)
	return buf.Bytes(), err
}
