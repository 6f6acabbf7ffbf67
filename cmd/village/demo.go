package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"github.com/village-uk/village/synth"
)

// demoCommand runs Village's main job end to end on synthetic data. For
// now that is: generate an authority's returns, read the latest year back
// and summarise it, then validate it against the DfE's rules.
func demoCommand() *command {
	var (
		out      string
		children int
		seed     uint64
	)
	c := &command{
		name: "demo",
		summary: "Run Village's main job on synthetic data: generate six years of returns for a fictional authority, " +
			"read the latest year back and summarise it, then validate it against every DfE rule with the years before it.",
		example: "village demo --out village-demo",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&out, "out", "village-demo", "folder for the synthetic returns")
			fs.IntVar(&children, "children", 3000, "children looked after at the last 31 March (about)")
			fs.Uint64Var(&seed, "seed", 1, "random seed")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		end, _ := untilDate("", time.Now())
		res, err := synth.Generate(synth.Config{Children: children, Years: 6, Until: end, Seed: seed, LA: synth.DefaultLA})
		if err != nil {
			return err
		}
		if err := writeSynth(out, "csv", res); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Generated six years of synthetic SSDA903 returns in %s.\n\n", out)
		if err := res.Report.Write(e.stdout); err != nil {
			return err
		}
		start := time.Now()
		ret, err := readForValidation(e, out, 0, synth.DefaultLA, "")
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
		printSummary(e.stdout, filepath.Join(out, ret.Year.Folder()), ret)
		fmt.Fprintln(e.stdout)
		in, err := validationInput(ret, filepath.Join(out, "postcodes.csv"), filepath.Join(out, "providers.xlsx"))
		if err != nil {
			return err
		}
		rep := runRules(in)
		printValidation(e.stdout, ret, rep, time.Since(start))
		pcs, provs, pop := filepath.Join(out, "postcodes.csv"), filepath.Join(out, "providers.xlsx"), filepath.Join(out, "population.csv")
		fmt.Fprintf(e.stdout, "\nNext (go run ./cmd/village, or a built village):\n"+
			"  village validate --la %s --postcodes %s --providers %s --out errors.xlsx %s\n"+
			"  village load --la %s --postcodes %s --providers %s %s\n"+
			"  village indicators --population %s\n"+
			"  village serve --population %s\n",
			synth.DefaultLA, pcs, provs, out, synth.DefaultLA, pcs, provs, out, pop, pop)
		return nil
	}
	return c
}
