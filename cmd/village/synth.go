package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/refdata/ofsted"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
	"github.com/village-uk/village/returns/ssda903/rules"
)

func synthCommand() *command {
	var (
		children           int
		years              int
		seed               uint64
		out, format, until string
		la                 string
		errorRate          float64
		report, cinCensus  bool
		effects            effectFlags
		national           string
		carers             bool
		partners           bool
		region             regionFlags
	)
	c := &command{
		name:    "synth",
		summary: "Generate synthetic SSDA903 returns and CIN censuses for a fictional local authority: one folder per collection year, with a 0-17 population file, a synthetic postcode directory and a synthetic Ofsted providers list. No real child's data is used.",
		example: "village synth --children 3000 --years 6 --seed 1 --out demo",
		flags: func(fs *flag.FlagSet) {
			fs.IntVar(&children, "children", 1000, "children looked after at the last 31 March (about)")
			fs.IntVar(&years, "years", 6, "collection years to write")
			fs.Uint64Var(&seed, "seed", 1, "random seed; the same seed gives the same returns")
			fs.StringVar(&out, "out", "", "folder to write into (required)")
			fs.StringVar(&format, "format", "csv", "csv (one file per table) or xml (one EXPSSDA903 file per year)")
			fs.StringVar(&until, "until", "", "last day simulated, DD/MM/YYYY (default: the most recent 31 March)")
			fs.StringVar(&la, "la", "E06000999", "GSS code of the fictional local authority")
			fs.Float64Var(&errorRate, "errors", 0, "share of rows given a realistic data-entry mistake, 0 to 1; recorded in injected-errors.csv")
			fs.BoolVar(&report, "report", false, "print the synthetic area's distributions against England's reference figures")
			fs.BoolVar(&cinCensus, "cin", true, "also write each year's children in need census, cin-census.xml (--cin=false for the 903 alone)")
			fs.Var(&effects, "effect", "a known change to the world, "+synth.EffectForm+"; several allowed; recorded in effects.csv")
			fs.StringVar(&national, "national", "", "also write synthetic national tables (England, its regions, 153 authorities with this one among them) "+
				"and statistical neighbours into this folder, in the DfE's published layout, for village benchmark")
			fs.BoolVar(&carers, "carers", true, "also write carers.csv, the authority's own foster carers at the end, for village sufficiency, and family-links.csv, each child's birth mother, for recurrent care (--carers=false to leave both out)")
			region.add(fs)
			fs.BoolVar(&partners, "early-help", true, "also write each year's early help and HAF files (early-help.csv, haf.csv, pseudonymised with pseudonym.key)")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only (run \"village synth -h\")", args)
		}
		if out == "" {
			return fmt.Errorf("--out is required: the folder to write the returns into")
		}
		if format != "csv" && format != "xml" {
			return fmt.Errorf("--format %q: expected csv or xml", format)
		}
		end, err := untilDate(until, time.Now())
		if err != nil {
			return err
		}
		if region.authorities != 0 {
			if national != "" || effects.String() != "" || report {
				return fmt.Errorf("--region writes the members' 903 returns only: --national, --effect and --report apply to one authority")
			}
			return writeRegion(e.stdout, out, format, region.config(children, years, end, seed, errorRate))
		}
		start := time.Now()
		res, err := synth.Generate(synth.Config{Children: children, Years: years, Until: end, Seed: seed, ErrorRate: errorRate, LA: la,
			Effects: effects.String()})
		if err != nil {
			return err
		}
		if err := writeSynth(out, format, res, cinCensus); err != nil {
			return err
		}
		if carers {
			if err := writeCarers(out, res, seed); err != nil {
				return err
			}
		}
		last := res.Returns[len(res.Returns)-1]
		fmt.Fprintf(e.stdout, "Wrote %d years of synthetic %s returns (%s to %s) for %s to %s in %.1fs: %d children and %d episodes in %s.\n",
			len(res.Returns), format, res.Returns[0].Year, last.Year, la, out, time.Since(start).Seconds(),
			last.Table(ssda903.Header).Len(), last.Table(ssda903.Episodes).Len(), last.Year)
		if len(res.Injected) > 0 {
			fmt.Fprintf(e.stdout, "Injected %d data-entry mistakes, listed in %s.\n", len(res.Injected), filepath.Join(out, "injected-errors.csv"))
		}
		if cinCensus && len(res.CINInjected()) > 0 {
			fmt.Fprintf(e.stdout, "Injected %d mistakes into the CIN censuses, listed in %s.\n", len(res.CINInjected()), filepath.Join(out, "cin-injected-errors.csv"))
		}
		if national != "" {
			if err := writeNational(e.stdout, out, national, la, seed); err != nil {
				return err
			}
		}
		if partners {
			if err := writePartners(e.stdout, out, res); err != nil {
				return err
			}
		}
		if report {
			fmt.Fprintln(e.stdout)
			return res.Report.Write(e.stdout)
		}
		return nil
	}
	return c
}

// untilDate parses --until, defaulting to the most recent 31 March on or
// before now.
func untilDate(text string, now time.Time) (calendar.Date, error) {
	if text != "" {
		d, ok := calendar.ParseDate(text)
		if !ok {
			return 0, fmt.Errorf("--until %q: expected a date written %s", text, calendar.DateLayout)
		}
		return d, nil
	}
	today := calendar.DateOf(now)
	end := calendar.YearOf(today).End()
	if end > today {
		end = end.AddYears(-1)
	}
	return end, nil
}

// writeSynth writes the returns, and with cinCensus each year's CIN
// census, and the files that go with them.
func writeSynth(out, format string, res *synth.Result, cinCensus bool) error {
	for _, r := range res.Returns {
		dir := filepath.Join(out, r.Year.Folder())
		var err error
		if format == "xml" {
			err = folder.WriteXML(filepath.Join(dir, "ssda903.xml"), r)
		} else {
			err = folder.WriteCSV(dir, r)
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", dir, err)
		}
	}
	for _, c := range res.CIN() {
		if !cinCensus {
			break
		}
		path := filepath.Join(out, c.Year.Folder(), "cin-census.xml")
		if err := folder.WriteFile(path, c.WriteXML); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
	}
	files := []struct {
		name  string
		write func(io.Writer) error
		skip  bool
	}{
		{"population.csv", res.WritePopulationCSV, false},
		{"postcodes.csv", res.WritePostcodesCSV, false},
		{"providers.xlsx", func(w io.Writer) error { return ofsted.Write(w, providerList(res)) }, false},
		{"injected-errors.csv", res.WriteInjectedCSV, len(res.Injected) == 0},
		{"cin-injected-errors.csv", res.WriteCINInjectedCSV, !cinCensus || len(res.CINInjected()) == 0},
		{"effects.csv", res.WriteEffectsCSV, len(res.Effects) == 0},
	}
	for _, f := range files {
		if f.skip {
			continue
		}
		if err := folder.WriteFile(filepath.Join(out, f.name), f.write); err != nil {
			return err
		}
	}
	return nil
}

// writeCarers writes the synthetic authority's own foster carers as
// carers.csv, for village sufficiency, and its family links (each child's
// birth mother, pseudonymised) as family-links.csv, for recurrent care.
func writeCarers(out string, res *synth.Result, seed uint64) error {
	err := folder.WriteFile(filepath.Join(out, "carers.csv"), func(w io.Writer) error {
		return synth.WriteCarersCSV(w, res.Carers(seed))
	})
	if err != nil {
		return err
	}
	return writeFamilyLinks(out, res, seed)
}

// providerList turns the synthetic area's providers into an Ofsted list.
func providerList(res *synth.Result) []rules.Provider {
	out := make([]rules.Provider, len(res.Providers))
	for i, p := range res.Providers {
		name := p.LA
		if p.LA == res.Returns[0].LA {
			name = synth.LAName
		}
		out[i] = rules.Provider{URN: p.URN, PlaceCodes: p.PlaceCodes, ProviderCodes: []string{p.ProviderCode},
			Postcode: p.Postcode, LAName: name}
	}
	return out
}
