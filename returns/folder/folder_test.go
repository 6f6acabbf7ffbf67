package folder

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

// toy is a small return with one table, to show that folder reading serves
// any return.
var toy = &returns.Collection{
	Name: "Toy",
	Schemas: []*returns.Schema{{Name: "People", File: "people.csv", Child: "ID", Columns: returns.Columns(
		"ID", returns.Text, "BORN", returns.DateValue)}},
	InferYear:   func(*returns.Return) (calendar.Year, bool) { return 0, false },
	YearUnknown: "toys have no dates",
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadAnyReturn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2025-26")
	write(t, filepath.Join(dir, "people.csv"), "ID,BORN\n1,01/01/2010\n")
	write(t, filepath.Join(dir, "notes.txt"), "not read")
	r, err := Read(toy, dir, 0, "E1")
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2026 || r.Table("People").Len() != 1 || r.Collection != toy {
		t.Errorf("read year %s with %d people", r.Year, r.Table("People").Len())
	}
	_, err = Read(toy, filepath.Join(t.TempDir(), "unnamed"), 0, "")
	if err == nil || !strings.Contains(err.Error(), "cannot read the folder") {
		t.Errorf("a missing folder gave %v", err)
	}
	other := filepath.Join(t.TempDir(), "data")
	write(t, filepath.Join(other, "people.csv"), "ID,BORN\n1,01/01/2010\n")
	if _, err := Read(toy, other, 0, ""); err == nil || !strings.Contains(err.Error(), "toys have no dates") {
		t.Errorf("a folder with no year gave %v", err)
	}
	write(t, filepath.Join(other, "x.xml"), "<R/>")
	if _, _, err := ReadFile(toy, filepath.Join(other, "x.xml")); err == nil || !strings.Contains(err.Error(), "is not a file type the Toy is read from") {
		t.Errorf("XML for a return without an XML layout gave %v", err)
	}
}

// TestReadSkipsACINCensus checks that a CIN census (root element
// Message) beside a year's files is left to the CIN reader, while any
// other XML the return cannot read is still refused.
func TestReadSkipsACINCensus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2025-26")
	write(t, filepath.Join(dir, "people.csv"), "ID,BORN\n1,01/01/2010\n")
	write(t, filepath.Join(dir, "cin-census.xml"), "<?xml version=\"1.0\"?>\n<Message><Children/></Message>\n")
	r, err := Read(toy, dir, 0, "E1")
	if err != nil {
		t.Fatalf("a folder with a CIN census beside the return: %v", err)
	}
	if r.Table("People").Len() != 1 {
		t.Errorf("read %d people, want 1", r.Table("People").Len())
	}
	write(t, filepath.Join(dir, "other.xml"), "<Other/>")
	if _, err := Read(toy, dir, 0, "E1"); err == nil || !strings.Contains(err.Error(), "other.xml") {
		t.Errorf("an XML file that is no CIN census gave %v, want it refused", err)
	}
}

// TestReadOnlyRegularFilesInside is issue 11 item 18: a folder's symbolic
// links, named pipes and devices are refused unread, and no other file's
// content reaches a message.
func TestReadOnlyRegularFilesInside(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links and named pipes need a Unix file system")
	}
	outside := filepath.Join(t.TempDir(), "secret.csv")
	write(t, outside, "ID,SECRET-HEADING\n1,SECRET-VALUE\n")
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"link out of the folder", func(t *testing.T, path string) { symlink(t, outside, path) }, "is a symbolic link, not a regular file"},
		{"link to a device", func(t *testing.T, path string) { symlink(t, "/dev/zero", path) }, "is a symbolic link, not a regular file"},
		{"named pipe", func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Skipf("cannot make a named pipe: %v", err)
			}
		}, "is a named pipe, not a regular file"},
		{"larger than the limit", func(t *testing.T, path string) {
			write(t, path, "ID,BORN\n")
			if err := os.Truncate(path, returns.MaxFileSize+1); err != nil {
				t.Skipf("cannot make a sparse file: %v", err)
			}
		}, "is larger than 1 GB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "2025-26")
			write(t, filepath.Join(dir, "people.csv"), "ID,BORN\n1,01/01/2010\n")
			tt.make(t, filepath.Join(dir, "x.csv"))
			done := make(chan error, 1)
			go func() {
				_, err := Read(toy, dir, 0, "")
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("reading the folder did not finish")
			}
			if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "x.csv")+": "+tt.want) {
				t.Fatalf("error %v, want x.csv %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("the error quotes another file: %v", err)
			}
		})
	}
}

func symlink(t *testing.T, target, path string) {
	t.Helper()
	if err := os.Symlink(target, path); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
}

func TestReadFileRefusesDevices(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	link := filepath.Join(t.TempDir(), "zero.csv")
	symlink(t, "/dev/zero", link)
	if _, _, err := ReadFile(toy, link); err == nil || !strings.Contains(err.Error(), "is a device, not a regular file") {
		t.Errorf("reading a link to /dev/zero gave %v", err)
	}
}

func TestYearsSkipsLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need a Unix file system")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "2024-25", "people.csv"), "ID,BORN\n")
	write(t, filepath.Join(dir, "2025_26", "people.csv"), "ID,BORN\n")
	write(t, filepath.Join(dir, "2023-24"), "a file")
	symlink(t, t.TempDir(), filepath.Join(dir, "2022-23"))
	years, err := Years(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := SortedYears(years)
	if len(got) != 2 || got[0] != 2025 || got[1] != 2026 {
		t.Errorf("years %v, want 2024/25 and 2025/26", got)
	}
}

// TestReadSkipsPartnersFiles checks that the early help and HAF files
// beside a year's return are left to their own reader.
func TestReadSkipsPartnersFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2025-26")
	write(t, filepath.Join(dir, "people.csv"), "ID,BORN\n1,01/01/2010\n")
	write(t, filepath.Join(dir, "early-help.csv"), "Child\nX\n")
	write(t, filepath.Join(dir, "HAF.csv"), "Child\nX\n")
	r, err := Read(toy, dir, 0, "E1")
	if err != nil {
		t.Fatalf("a folder with early help and HAF files beside the return: %v", err)
	}
	if len(r.Tables) != 1 {
		t.Errorf("read %d tables, want 1", len(r.Tables))
	}
}

func TestReadPartners(t *testing.T) {
	const p = "QWBN5SGFQ5YOHYB5U5YN6DQYDKEM3MN5"
	dir := filepath.Join(t.TempDir(), "2025-26")
	write(t, filepath.Join(dir, "people.csv"), "ID,BORN\n1,01/01/2010\n")
	r, err := ReadPartners(dir, 0)
	if r != nil || err != nil {
		t.Fatalf("a folder without partners' files gave %v, %v; want nothing", r, err)
	}
	write(t, filepath.Join(dir, "haf.csv"), "Child,Programme,ProgrammeYear,SessionDate,Provider,FSM,SEND,YearGroup\n"+p+",summer,2025,28/07/2025,Club,Y,N,5\n")
	r, err = ReadPartners(dir, 0)
	if err != nil || r.Year != 2026 || r.Table("HAF").Len() != 1 {
		t.Fatalf("read %v, %v; want 2025/26 with one session", r, err)
	}
	write(t, filepath.Join(dir, "early-help.csv"), "Child,Programme,ProgrammeYear,SessionDate,Provider,FSM,SEND,YearGroup\n"+p+",summer,2025,28/07/2025,Club,Y,N,5\n")
	if _, err := ReadPartners(dir, 0); err == nil || !strings.Contains(err.Error(), "early-help.csv: holds the HAF table") {
		t.Errorf("HAF sessions in early-help.csv gave %v", err)
	}
	write(t, filepath.Join(dir, "early-help.csv"), "EpisodeID,Child,StartDate,EndDate,Reason,LeadAgency,Outcome\nE1,9434765919,01/05/2025,,education,School,\n")
	if _, err := ReadPartners(dir, 0); err == nil || !strings.Contains(err.Error(), "pseudonymise") || strings.Contains(err.Error(), "9434765919") {
		t.Errorf("a raw NHS number gave %v", err)
	}
}
