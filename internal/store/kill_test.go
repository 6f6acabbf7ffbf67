package store

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
)

// killDBEnv names the store a child process of TestLoadKilled loads into.
const killDBEnv = "VILLAGE_TEST_KILL_DB"

// TestLoadKilled kills a process in the middle of a load, between two
// tables, and checks that the store is exactly as it was before the load
// began: SQLite's journal undoes the half-written transaction when the file
// is next opened.
func TestLoadKilled(t *testing.T) {
	if os.Getenv(killDBEnv) != "" {
		t.Skip("run by the parent test only")
	}
	db := filepath.Join(t.TempDir(), "killed.db")
	s := openURL(t, db)
	returns := killReturns(t)
	load(t, s, LoadSource{}, returns[0])
	before := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(os.Args[0], "-test.run", "^TestLoadKilledChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killDBEnv+"="+db, "VILLAGE_TEST_KILL_READY="+ready)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child process never reached the middle of its load")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	s = openURL(t, db)
	if after := dump(t, s); !slices.Equal(before, after) {
		t.Errorf("the killed load left a trace: %d rows before, %d after\n%s", len(before), len(after), firstDifference(before, after))
	}
	if loads, err := s.Loads(context.Background()); err != nil || len(loads) != 1 {
		t.Errorf("history after the killed load: %d loads, %v; want 1", len(loads), err)
	}
}

// TestLoadKilledChild is the process TestLoadKilled kills: it loads the
// next year and stops for good half way, after writing the Episodes table.
func TestLoadKilledChild(t *testing.T) {
	db := os.Getenv(killDBEnv)
	if db == "" {
		t.Skip("run as a child process of TestLoadKilled")
	}
	s, err := Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	s.afterTable = func(y calendar.Year, name ssda903.TableName) error {
		if name == ssda903.Episodes {
			if err := os.WriteFile(os.Getenv("VILLAGE_TEST_KILL_READY"), nil, 0o644); err != nil {
				return err
			}
			select {} // wait to be killed
		}
		return nil
	}
	s.Load(context.Background(), killReturns(t)[1:], LoadSource{})
	t.Fatal("the load finished; it should have been killed")
}

// killReturns makes the same two years in both processes.
func killReturns(t *testing.T) []*ssda903.Return {
	res, err := synth.Generate(synth.Config{Children: 100, Years: 2, Until: calendar.NewDate(2026, 3, 31), Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	return res.Returns
}
