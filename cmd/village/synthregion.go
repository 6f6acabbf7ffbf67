package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// regionFlags are village synth's flags for a region of authorities.
type regionFlags struct {
	authorities int
	movers      float64
}

// add declares the flags.
func (f *regionFlags) add(fs *flag.FlagSet) {
	fs.IntVar(&f.authorities, "region", 0, "write a region of this many fictional authorities (1 to 99) instead of one: each in OUT/<its GSS code>/ "+
		"as one authority is written (903 returns only), --children their average size, with region.csv (code,name), the region's pseudonym.key "+
		"and movers.csv, the children whose care one member took over from another")
	fs.Float64Var(&f.movers, "movers", synth.DefaultMoverShare, "with --region, the share of each member's starts to care a year whose care another member takes over (REC E3); 0 for none")
}

// config is the region the flags ask for.
func (f *regionFlags) config(children, years int, until calendar.Date, seed uint64, errorRate float64) synth.RegionConfig {
	return synth.RegionConfig{Authorities: f.authorities, Children: children, Years: years, Until: until, Seed: seed,
		ErrorRate: errorRate, MoverShare: f.movers}
}

// writeRegion generates the region and writes each member's returns into
// a folder named by its code, then the region's membership, movers and
// key, and says what it wrote.
func writeRegion(w io.Writer, out, format string, cfg synth.RegionConfig) error {
	start := time.Now()
	g, err := synth.NewRegion(cfg)
	if err != nil {
		return err
	}
	episodes, injected := 0, 0
	err = g.Emit(func(a synth.Authority, res *synth.Result) error {
		for _, r := range res.Returns {
			episodes += r.Table(ssda903.Episodes).Len()
		}
		injected += len(res.Injected)
		return writeSynth(filepath.Join(out, a.Code), format, res, false)
	})
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{{"region.csv", g.WriteCSV}, {"movers.csv", g.WriteMoversCSV}} {
		if err := folder.WriteFile(filepath.Join(out, f.name), f.write); err != nil {
			return err
		}
	}
	key, err := writeSyntheticKey(out, g.KeyText)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Wrote a region of %d synthetic authorities (%d years of %s returns, %d episode rows in all) to %s in %.1fs: members in %s, "+
		"%d children whose care another member took over in %s, the region's key in %s.\n",
		len(g.Authorities), cfg.Years, format, episodes, out, time.Since(start).Seconds(), filepath.Join(out, "region.csv"),
		len(g.Movers), filepath.Join(out, "movers.csv"), key)
	if injected > 0 {
		fmt.Fprintf(w, "Injected %d data-entry mistakes, listed in each member's injected-errors.csv.\n", injected)
	}
	return nil
}
