package folder

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

func TestReadSmall(t *testing.T) {
	r, err := Read(filepath.Join("..", "testdata", "small"), 0, "E06000999")
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2026 {
		t.Errorf("inferred year %s, want 2025/26", r.Year)
	}
	if len(r.Problems) != 0 {
		t.Errorf("unexpected problems: %v", r.Problems)
	}
	counts := map[ssda903.TableName]int{ssda903.Header: 3, ssda903.Episodes: 5, ssda903.Reviews: 2, ssda903.UASC: 1, ssda903.OC2: 1, ssda903.OC3: 0, ssda903.AD1: 0,
		ssda903.PlacedAdoption: 0, ssda903.PrevPerm: 1, ssda903.Missing: 1, ssda903.SWEpisodes: 1}
	for name, want := range counts {
		if got := r.Table(name).Len(); got != want {
			t.Errorf("%s has %d rows, want %d", name, got, want)
		}
	}
	if r.Table(ssda903.DoLo) != nil {
		t.Error("DoLo present although the folder has no DoLo file")
	}
	if got := r.Table(ssda903.Episodes).Get(2, "PLACE"); got != "K2" {
		t.Errorf("episode 3 PLACE = %q, want K2", got)
	}
}

func TestWriteFileAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.csv")
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "first"); return err }); err != nil {
		t.Fatal(err)
	}
	failed := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk full")
	})
	if failed == nil || !strings.Contains(failed.Error(), "disk full") {
		t.Errorf("a failed write returned %v", failed)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "first" {
		t.Errorf("after the failed write the file holds %q (%v), want the earlier whole file", got, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
