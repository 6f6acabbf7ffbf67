// Package folder reads and writes returns as files: a folder of CSV files
// or an XML file for one year, and a folder of year folders for several.
// It serves every return, given its returns.Collection, and keeps the file
// system out of package returns, whose tables and readers the validation
// rules use in the browser too.
//
// Reading a folder reads only regular files inside it: a symbolic link, a
// named pipe or a device named like a return's file is refused, unread, so
// that a folder cannot make Village read (and quote in a message) a file
// elsewhere, wait forever on a pipe or read an endless device. No file of
// more than returns.MaxFileSize bytes is read.
package folder

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/earlyhelp"
)

// isReturnFile reports whether a file name has an extension that a
// return's files have.
func isReturnFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".csv" || ext == ".xml"
}

// ReadFile reads the tables of one CSV or XML file, by its extension. The
// path may be a symbolic link, since the caller named it, but what it names
// must be a regular file.
func ReadFile(c *returns.Collection, path string) (map[returns.TableName]*returns.Table, returns.Problems, error) {
	if !isReturnFile(path) {
		return nil, nil, returns.Problems{{Severity: returns.Fatal, File: path, Value: filepath.Ext(path),
			Message: "is not a file type Village reads", Expected: ".csv or .xml"}}
	}
	data, err := readRegular(path, func() (*os.File, error) { return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0) })
	if err != nil {
		return nil, nil, returns.Problems{fileProblem(path, err)}
	}
	return readData(c, path, data, nil)
}

// readData reads the tables of one file's bytes, by its extension, the
// rows of a CSV file only when keep accepts its table (see ReadKeeping).
func readData(c *returns.Collection, path string, data []byte, keep func(returns.TableName) bool) (map[returns.TableName]*returns.Table, returns.Problems, error) {
	f := bytesReader(data)
	if strings.ToLower(filepath.Ext(path)) == ".xml" {
		if c.ReadXML == nil {
			return nil, nil, returns.Problems{{Severity: returns.Fatal, File: path, Value: filepath.Ext(path),
				Message: "is not a file type the " + c.Name + " is read from", Expected: ".csv"}}
		}
		return c.ReadXML(path, f)
	}
	t, problems, err := c.ReadCSVKeeping(path, f, keep)
	if err != nil {
		return nil, nil, err
	}
	return map[returns.TableName]*returns.Table{t.Name(): t}, problems, nil
}

// notRegular says that a file is not one Village reads, and what it is.
type notRegular struct{ what string }

func (e notRegular) Error() string { return "is " + e.what + ", not a regular file" }

// tooLarge says that a file is larger than returns.MaxFileSize.
type tooLarge struct{}

func (tooLarge) Error() string { return "is larger than 1 GB" }

// describe names a file mode that is not a regular file's.
func describe(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// readRegular opens a file with open, checks that it is a regular file of
// at most returns.MaxFileSize bytes, and reads it. The file is opened
// without blocking, so that a named pipe is refused rather than waited on,
// and checked once open, so that what is read is what was checked.
func readRegular(path string, open func() (*os.File, error)) ([]byte, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular{describe(info.Mode())}
	}
	if info.Size() > returns.MaxFileSize {
		return nil, tooLarge{}
	}
	data := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) > returns.MaxFileSize {
			return nil, tooLarge{}
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew: make room
		}
	}
}

// fileProblem is the fatal problem for a file that cannot be read. It
// names the file and what went wrong, never the file's content.
func fileProblem(path string, err error) *returns.Problem {
	switch e := err.(type) {
	case notRegular:
		return &returns.Problem{Severity: returns.Fatal, File: path, Message: e.Error() + ", so it is not read",
			Expected: "a regular file inside the folder: a copy of the file, not a link, pipe or device"}
	case tooLarge:
		return &returns.Problem{Severity: returns.Fatal, File: path, Message: e.Error(), Expected: "a file of at most 1 GB"}
	}
	return &returns.Problem{Severity: returns.Fatal, File: path, Message: "cannot read: " + unwrapPath(err)}
}

// unwrapPath drops the path from an *fs.PathError, which the Problem
// already names.
func unwrapPath(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Read reads one year's return of collection c from the .csv and .xml
// files in dir. Other files are ignored. Every file is read before any
// fatal problem is reported, so one run names all the unusable files. The
// collection year is year when it is not zero, else the one the folder is
// named for ("2025-26"), else the one the data covers (c.InferYear).
func Read(c *returns.Collection, dir string, year calendar.Year, la string) (*returns.Return, error) {
	return ReadKeeping(c, dir, year, la, nil)
}

// ReadKeeping is Read reading the rows of a CSV file only when keep
// accepts its table, or always when keep is nil: another table is in the
// return, recognised by its header, without rows (see
// returns.Collection.ReadCSVKeeping). An XML file's tables are read whole.
func ReadKeeping(c *returns.Collection, dir string, year calendar.Year, la string, keep func(returns.TableName) bool) (*returns.Return, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, returns.Problems{{Severity: returns.Fatal, File: dir, Message: "cannot read the folder: " + unwrapPath(err)}}
	}
	defer root.Close()
	entries, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return nil, returns.Problems{{Severity: returns.Fatal, File: dir, Message: "cannot read the folder: " + unwrapPath(err)}}
	}
	r := returns.NewReturn(c, year, la)
	var names []string
	for _, e := range entries {
		if isReturnFile(e.Name()) && !e.IsDir() && !partnersFile(c, e.Name()) {
			names = append(names, e.Name())
		}
	}
	files := len(names)
	// Read the files at the same time, then combine them in name order so
	// that the result and its problems do not depend on which finished
	// first.
	type result struct {
		tables   map[returns.TableName]*returns.Table
		problems returns.Problems
		err      error
	}
	results := make([]result, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			path := filepath.Join(dir, name)
			if c.Name != "CIN" && strings.EqualFold(filepath.Ext(name), ".xml") && isCINCensus(root, name) {
				return // another return's file: a CIN census written beside the year's 903
			}
			tables, problems, err := readInside(c, root, name, path, keep)
			results[i] = result{tables, problems, err}
		})
	}
	wg.Wait()
	var fatal returns.Problems
	from := map[returns.TableName]string{}
	for i, name := range names {
		path := filepath.Join(dir, name)
		res := results[i]
		if res.err != nil {
			fatal = append(fatal, returns.AsProblems(res.err, path)...)
			continue
		}
		r.Problems = append(r.Problems, res.problems...)
		for _, name := range tableOrder(c, res.tables) {
			if first, dup := from[name]; dup {
				fatal = append(fatal, &returns.Problem{Severity: returns.Fatal, File: path,
					Message:  fmt.Sprintf("holds the %s table, which %s holds too", name, first),
					Expected: "each table in one file only"})
				continue
			}
			from[name] = path
			r.Tables[name] = res.tables[name]
		}
	}
	if files == 0 {
		fatal = append(fatal, &returns.Problem{Severity: returns.Fatal, File: dir, Message: "has no .csv or .xml files",
			Expected: "a folder holding one year's " + c.Name + " files"})
	}
	if len(fatal) > 0 {
		return nil, fatal
	}
	if err := setYear(c, r, dir); err != nil {
		return nil, err
	}
	for name, t := range r.Tables {
		if !c.Schema(name).InYear(r.Year) && t.Len() == 0 {
			delete(r.Tables, name)
		}
	}
	return r, nil
}

// FamilyLinksFile is the family-link file a year's folder may hold beside
// the returns: each child's birth mother, pseudonymised, which only
// internal/families reads.
const FamilyLinksFile = "family-links.csv"

// partnersFile reports whether name is one of the early help and HAF
// files, or the family-link file, a year's folder may hold beside the
// statutory returns, which only returns/earlyhelp and internal/families read.
func partnersFile(c *returns.Collection, name string) bool {
	if c == earlyhelp.Collection {
		return false
	}
	if strings.EqualFold(name, FamilyLinksFile) {
		return true
	}
	for _, s := range earlyhelp.Schemas {
		if strings.EqualFold(name, s.File) {
			return true
		}
	}
	return false
}

// isCINCensus reports whether the XML file name inside root is a children
// in need census: its root element is Message, as the DfE's CIN XSD
// has it. A year's folder may hold one beside the year's 903 files.
func isCINCensus(root *os.Root, name string) bool {
	info, err := root.Lstat(name)
	if err != nil || !info.Mode().IsRegular() {
		return false // readInside says what is wrong with it
	}
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	d := xml.NewDecoder(io.LimitReader(f, 1<<16))
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if start, ok := tok.(xml.StartElement); ok {
			return start.Name.Local == "Message"
		}
	}
}

// readInside reads the file name inside root, refusing a symbolic link,
// which may lead out of the folder, and anything else that is not a
// regular file.
func readInside(c *returns.Collection, root *os.Root, name, path string, keep func(returns.TableName) bool) (map[returns.TableName]*returns.Table, returns.Problems, error) {
	info, err := root.Lstat(name)
	if err != nil {
		return nil, nil, returns.Problems{fileProblem(path, err)}
	}
	if !info.Mode().IsRegular() {
		return nil, nil, returns.Problems{fileProblem(path, notRegular{describe(info.Mode())})}
	}
	data, err := readRegular(path, func() (*os.File, error) { return root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0) })
	if err != nil {
		return nil, nil, returns.Problems{fileProblem(path, err)}
	}
	return readData(c, path, data, keep)
}

// setYear sets the return's collection year, when the caller gave none,
// from the folder's name or else from the data.
func setYear(c *returns.Collection, r *returns.Return, dir string) error {
	if r.Year == 0 {
		if y, err := calendar.ParseYear(filepath.Base(filepath.Clean(dir))); err == nil {
			r.Year = y
		}
	}
	if r.Year != 0 {
		return nil
	}
	if c.InferYear != nil {
		if y, ok := c.InferYear(r); ok {
			r.Year = y
			return nil
		}
	}
	why := "the data does not tell it"
	if c.YearUnknown != "" {
		why = c.YearUnknown
	}
	return returns.Problems{{Severity: returns.Fatal, File: dir,
		Message:  "the collection year cannot be told: " + why,
		Expected: "a folder named for its year (2025-26) or a year given explicitly"}}
}

// Years returns the subfolders of dir that are named for a collection
// year ("2025-26" or "2025_26"), by year. Symbolic links are not followed.
func Years(dir string) (map[calendar.Year]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[calendar.Year]string{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if y, err := calendar.ParseYear(strings.ReplaceAll(e.Name(), "_", "-")); err == nil {
			out[y] = filepath.Join(dir, e.Name())
		}
	}
	return out, nil
}

// SortedYears returns the keys of a Years result, oldest first.
func SortedYears(dirs map[calendar.Year]string) []calendar.Year {
	years := make([]calendar.Year, 0, len(dirs))
	for y := range dirs {
		years = append(years, y)
	}
	sort.Slice(years, func(i, j int) bool { return years[i] < years[j] })
	return years
}

// tableOrder returns the names of tables in the collection's order.
func tableOrder(c *returns.Collection, tables map[returns.TableName]*returns.Table) []returns.TableName {
	var names []returns.TableName
	for _, s := range c.Schemas {
		if _, ok := tables[s.Name]; ok {
			names = append(names, s.Name)
		}
	}
	return names
}

// WriteCSV writes every table of the return that belongs to its
// collection year into dir, one file per table, named as Schema.File says.
// Tables the return lacks are written with their header row only, as a
// case-management export would.
func WriteCSV(c *returns.Collection, dir string, r *returns.Return) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range c.Schemas {
		if !s.InYear(r.Year) {
			continue
		}
		t := r.Table(s.Name)
		if t == nil {
			t = &returns.Table{Schema: s}
		}
		if err := WriteFile(filepath.Join(dir, s.File), func(w io.Writer) error { return returns.WriteCSV(w, t) }); err != nil {
			return fmt.Errorf("writing %s: %w", s.Name, err)
		}
	}
	return nil
}

// WriteFile writes a file through write, buffered, all or nothing: it is
// written beside path under a temporary name and renamed into place only
// once complete, so a failure never leaves half a file where the whole one
// should be.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return os.Rename(f.Name(), path)
}

// bytesReader returns a reader of data that hands the readers its bytes
// to use in place, uncopied.
func bytesReader(data []byte) wholeFile { return wholeFile{bytes.NewReader(data), data} }

// wholeFile is a file read whole, whose bytes the readers may use in
// place (returns.WholeReader): nothing else uses them once read.
type wholeFile struct {
	*bytes.Reader
	data []byte
}

// WholeBytes returns the file's bytes.
func (f wholeFile) WholeBytes() []byte { return f.data }
