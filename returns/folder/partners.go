package folder

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/earlyhelp"
)

// ReadPartners reads a year's early help and HAF files (earlyhelp.Schemas
// name them) from dir, as Read reads a return: regular files inside the
// folder only, every file read before any fatal problem is reported, the
// year given, else the folder's, else the data's. It returns nil and no
// error when the folder holds neither file.
func ReadPartners(dir string, year calendar.Year) (*returns.Return, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, returns.Problems{{Severity: returns.Fatal, File: dir, Message: "cannot read the folder: " + unwrapPath(err)}}
	}
	defer root.Close()
	r := returns.NewReturn(earlyhelp.Collection, year, "")
	var fatal returns.Problems
	for _, s := range earlyhelp.Schemas {
		path := filepath.Join(dir, s.File)
		info, err := root.Lstat(s.File)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			fatal = append(fatal, fileProblem(path, err))
			continue
		}
		if !info.Mode().IsRegular() {
			fatal = append(fatal, fileProblem(path, notRegular{describe(info.Mode())}))
			continue
		}
		data, err := readRegular(path, func() (*os.File, error) { return root.OpenFile(s.File, os.O_RDONLY|syscall.O_NONBLOCK, 0) })
		if err != nil {
			fatal = append(fatal, fileProblem(path, err))
			continue
		}
		t, problems, err := earlyhelp.ReadCSV(path, data)
		if err != nil {
			fatal = append(fatal, returns.AsProblems(err, path)...)
			continue
		}
		if t.Schema != s {
			fatal = append(fatal, &returns.Problem{Severity: returns.Fatal, File: path,
				Message:  "holds the " + string(t.Name()) + " table, not the " + string(s.Name) + " its name says",
				Expected: "the " + string(s.Name) + " table's columns"})
			continue
		}
		r.Tables[s.Name] = t
		r.Problems = append(r.Problems, problems...)
	}
	if len(fatal) > 0 {
		return nil, fatal
	}
	if len(r.Tables) == 0 {
		return nil, nil
	}
	if err := setYear(earlyhelp.Collection, r, dir); err != nil {
		return nil, err
	}
	return r, nil
}
