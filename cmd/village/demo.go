package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
)

// demoCommand runs Village's main job end to end on synthetic data:
// generate an authority's returns and CIN censuses, validate the latest
// year against the DfE's rules, load every year of both into a fresh
// store and serve the pages, the front door's among them.
func demoCommand() *command {
	var (
		out, addr string
		children  int
		seed      uint64
		noServe   bool
	)
	c := &command{
		name: "demo",
		summary: "Run Village's main job on synthetic data: generate six years of SSDA903 returns and CIN censuses for a fictional authority, " +
			"validate the latest 903 year against every DfE rule with the years before it, load every year of both into a fresh SQLite store " +
			"in the same folder (replacing the one an earlier demo left), and serve the pages on this machine until stopped (Ctrl-C).",
		example: "village demo --out village-demo --addr 127.0.0.1:8080",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&out, "out", "village-demo", "folder for the synthetic returns and the store, village.db")
			fs.IntVar(&children, "children", 3000, "children looked after at the last 31 March (about)")
			fs.Uint64Var(&seed, "seed", 1, "random seed")
			fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to serve the pages on; keep it on this machine")
			fs.BoolVar(&noServe, "no-serve", false, "stop after loading the store, without serving the pages")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		restore := limitDemoMemory()
		defer restore() // also when it fails: Run may be called again, as the tests do
		end, _ := untilDate("", time.Now())
		res, err := synth.Generate(synth.Config{Children: children, Years: 6, Until: end, Seed: seed, LA: synth.DefaultLA})
		if err != nil {
			return err
		}
		if err := writeSynth(out, "csv", res, true); err != nil {
			return err
		}
		if err := writeCarers(out, res, seed); err != nil {
			return err
		}
		if err := writePartners(io.Discard, out, res); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Generated six years of synthetic SSDA903 returns, CIN censuses and early help and HAF files in %s.\n\n", out)
		if err := res.Report.Write(e.stdout); err != nil {
			return err
		}
		pcs, provs, pop := filepath.Join(out, "postcodes.csv"), filepath.Join(out, "providers.xlsx"), filepath.Join(out, "population.csv")
		carers := filepath.Join(out, "carers.csv")
		if err := demoValidate(e, out, pcs, provs); err != nil {
			return err
		}

		db := filepath.Join(out, "village.db")
		fmt.Fprintln(e.stdout)
		removed, err := removeStore(db)
		if err != nil {
			return err
		}
		if removed {
			fmt.Fprintf(e.stdout, "Deleted the store an earlier demo left in %s, to load afresh.\n", db)
		}
		if err := loadYears(ctx, e, []string{out}, loadOptions{db: db, la: synth.DefaultLA, postcodesFile: pcs, providerFiles: provs,
			key: filepath.Join(out, partnersKeyFile)}); err != nil {
			return err
		}
		national := filepath.Join(out, "national")
		if err := demoNational(ctx, e, db, pop, national, seed); err != nil {
			return err
		}
		signIn, err := demoAnalyst(ctx, db)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nNext (go run ./cmd/village, or a built village):\n"+
			"  village validate --la %s --postcodes %s --providers %s --out errors.xlsx %s\n"+
			"  village indicators --db %s --population %s --postcodes %s\n"+
			"  village pack --db %s --population %s --postcodes %s --quarter %s --out pack.html\n"+
			"  village benchmark --db %s --population %s --national %s\n"+
			"  village sufficiency --db %s --carers %s --postcodes %s --providers %s\n",
			synth.DefaultLA, pcs, provs, out, db, pop, pcs, db, pop, pcs, quarterOf(end), db, pop, national, db, carers, pcs, provs)
		restore()
		if noServe {
			fmt.Fprintf(e.stdout, "  village serve --db %s --population %s --postcodes %s --national %s --carers %s --providers %s\n%s", db, pop, pcs, national, carers, provs, signIn)
			return nil
		}
		handler, err := pagesHandlerWith(ctx, e, pagesOptions{db: db, addr: addr, populationFile: pop, postcodesFile: pcs, carersFile: carers, providerFiles: provs, forecast: servedForecast(),
			accessLog: accessLogOf(e), national: national})
		if err != nil {
			return err
		}
		return serve(ctx, addr, nil, handler, func(url string) {
			fmt.Fprintf(e.stdout, "\nVillage's pages for the synthetic authority are at %s (Ctrl-C to stop).\n%s", url, signIn)
		})
	}
	return c
}

// demoMemoryLimit is the soft limit on the memory the demo's Go heap
// takes while it generates and loads (GOMEMLIMIT, when set, instead).
// Its data is of a known size, whose largest part at a time (the CIN
// censuses read while the 903 is stored, then the HAF sessions as they
// are stored) needs under 400 MB: without a limit the garbage collector
// lets the heap grow to twice that before it collects.
const demoMemoryLimit = 512 << 20

// limitDemoMemory sets the demo's soft memory limit, unless GOMEMLIMIT
// sets one, and returns what puts the limit back as it was: the pages,
// once served, are not the demo's known size.
func limitDemoMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	was := debug.SetMemoryLimit(demoMemoryLimit)
	return func() { debug.SetMemoryLimit(was) }
}

// demoNational writes synthetic national tables around the demo area's
// own figures, read from the store it has just loaded, so that the pages
// show the area against synthetic England and neighbours.
func demoNational(ctx context.Context, e *env, db, populationFile, dir string, seed uint64) error {
	own, _, err := storedOwn(ctx, db, populationFile)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	return writeNationalOf(e.stdout, own, dir, synth.DefaultLA, seed)
}

// demoValidate reads the latest year in dir back with the years before
// it, says in a line what it holds, and validates it.
func demoValidate(e *env, dir, postcodesFile, providerFiles string) error {
	start := time.Now()
	ret, err := readForValidation(e, dir, 0, synth.DefaultLA, "")
	if err != nil {
		return err
	}
	rows, episodes := 0, 0
	for _, t := range ssda903.Summarise(ret).Tables {
		rows += t.Rows
		if t.Name == ssda903.Episodes {
			episodes = t.Rows
		}
	}
	fmt.Fprintf(e.stdout, "\nRead the %s return back: %d rows, %d episodes, %d values not in their column's form.\n",
		ret.Year, rows, episodes, ret.Problems.Count(ssda903.Invalid))
	in, err := validationInput(ret, postcodesFile, providerFiles)
	if err != nil {
		return err
	}
	printValidation(e.stdout, ret, runRules(in), time.Since(start))
	return nil
}

// removeStore deletes a SQLite store and the journal files SQLite keeps
// beside it, reporting whether there was one.
func removeStore(db string) (bool, error) {
	removed := false
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		err := os.Remove(db + suffix)
		switch {
		case err == nil:
			removed = removed || suffix == ""
		case !errors.Is(err, fs.ErrNotExist):
			return false, fmt.Errorf("deleting the old store: %w", err)
		}
	}
	return removed, nil
}

// quarterOf writes the financial quarter containing d as --quarter reads
// it, quoted for the shell: "2025/26 Q4".
func quarterOf(d calendar.Date) string {
	return strconv.Quote(calendar.FinancialQuarterOf(d).Code())
}

// demoUser is the demo analyst's name.
const demoUser = "demo"

// demoAnalyst adds the demo analyst to the store at db, with the password
// in $VILLAGE_DEMO_PASSWORD or else a random one, and returns how to sign
// in, the password included: the only time a random one is shown.
func demoAnalyst(ctx context.Context, db string) (string, error) {
	password := os.Getenv("VILLAGE_DEMO_PASSWORD")
	shown := "the password in VILLAGE_DEMO_PASSWORD"
	if password == "" {
		// A random one might, once in a million, hold the name.
		for password == "" || people.CheckPasswordPolicy(demoUser, password) != nil {
			secret := make([]byte, 15)
			if _, err := rand.Read(secret); err != nil {
				return "", fmt.Errorf("making the demo's password: %w", err)
			}
			password = base64.RawURLEncoding.EncodeToString(secret)
		}
		shown = "the password " + password + " (shown only now)"
	}
	s, err := openStore(ctx, db)
	if err != nil {
		return "", err
	}
	defer s.Close()
	accounts := &app.Accounts{Directory: s.People(), Audit: s}
	u := people.User{Name: demoUser, DisplayName: "Demo analyst", Role: people.Analyst}
	if err := accounts.AddUser(ctx, app.LocalActor(""), app.FromCommandLine, u, password); err != nil {
		return "", fmt.Errorf("adding the demo analyst: %w", err)
	}
	return fmt.Sprintf("Sign in to the pages as %s with %s.\n", demoUser, shown), nil
}
