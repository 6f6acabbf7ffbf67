// Package folder reads and writes SSDA903 returns as files: a folder of
// CSV files or an XML file for one year, and a folder of year folders for
// several. It is package returns/folder with the SSDA903 filled in, and
// keeps the file system out of package ssda903, whose tables and readers
// the validation rules use in the browser too.
package folder

import (
	"io"
	"os"
	"path/filepath"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/folder"
	"github.com/village-uk/village/returns/ssda903"
)

// ReadFile reads the tables of one CSV or XML file, by its extension.
func ReadFile(path string) (map[ssda903.TableName]*ssda903.Table, ssda903.Problems, error) {
	return folder.ReadFile(ssda903.Collection, path)
}

// Read reads one year's return from the .csv and .xml files in dir.
// Other files are ignored, and only regular files inside dir are read (see
// package returns/folder). Every file is read before any fatal problem is
// reported, so one run names all the unusable files. The collection year
// is year when it is not zero, else the one the folder is named for
// ("2025-26"), else the one the data covers (see ssda903.InferYear).
func Read(dir string, year calendar.Year, la string) (*ssda903.Return, error) {
	return folder.Read(ssda903.Collection, dir, year, la)
}

// ReadKeeping is Read reading the rows of a CSV file only when keep
// accepts its table: another table is in the return without rows (see
// returns/folder.ReadKeeping).
func ReadKeeping(dir string, year calendar.Year, la string, keep func(ssda903.TableName) bool) (*ssda903.Return, error) {
	return folder.ReadKeeping(ssda903.Collection, dir, year, la, keep)
}

// Years returns the subfolders of dir that are named for a collection
// year ("2025-26" or "2025_26"), by year.
func Years(dir string) (map[calendar.Year]string, error) { return folder.Years(dir) }

// SortedYears returns the keys of a Years result, oldest first.
func SortedYears(dirs map[calendar.Year]string) []calendar.Year { return folder.SortedYears(dirs) }

// WriteCSV writes every table of the return that belongs to its
// collection year into dir, one file per table, named as ssda903.Schema.File says.
// Tables the return lacks are written with their header row only, as a
// case-management export would.
func WriteCSV(dir string, r *ssda903.Return) error {
	return folder.WriteCSV(ssda903.Collection, dir, r)
}

// WriteFile writes a file through write, buffered, all or nothing: it is
// written beside path under a temporary name and renamed into place only
// once complete, so a failure never leaves half a file where the whole one
// should be.
func WriteFile(path string, write func(io.Writer) error) error { return folder.WriteFile(path, write) }

// WriteXML writes the return to path in the EXPSSDA903 layout.
func WriteXML(path string, r *ssda903.Return) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return folder.WriteFile(path, func(w io.Writer) error { return ssda903.WriteXML(w, r) })
}
