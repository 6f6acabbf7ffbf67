package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/village-uk/village/internal/site"
	"github.com/village-uk/village/internal/web"
)

func siteCommand() *command {
	var out string
	c := &command{
		name: "site",
		summary: "Write a static web site that validates a return in the browser, nothing uploaded: a page in the GOV.UK style, " +
			"Village's rule engine built for WebAssembly and a small script, which check a year's SSDA903 files or a CIN census chosen on the page " +
			"and show and download what \"village validate\" would. It works from any file server or opened from the disk. " +
			"It builds the validator with Go, so run it in a checkout of Village's source.",
		example: "village site --out site",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&out, "out", "", "folder to write the site into (required)")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only (run \"village site -h\")", args)
		}
		if out == "" {
			return fmt.Errorf("--out is required: the folder to write the site into")
		}
		wd, err := os.Getwd()
		if err != nil {
			return err
		}
		mod, err := site.ModuleDir(wd)
		if err != nil {
			return err
		}
		tmp, err := os.MkdirTemp("", "village-site-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		wasm, wasmExec, err := site.Build(mod, tmp)
		if err != nil {
			return err
		}
		govuk, village := web.Stylesheets()
		if err := site.Write(out, site.Assets{Wasm: wasm, WasmExec: wasmExec, GOVUKCSS: govuk, VillageCSS: village}); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote the validation site to %s (the validator is %.1f MB): open %s/index.html, or serve the folder.\n",
			terminal(out), float64(len(wasm))/1e6, terminal(out))
		return nil
	}
	return c
}
