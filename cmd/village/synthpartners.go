package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// partnersKeyFile is the synthetic key's file, at the top of the output.
const partnersKeyFile = "pseudonym.key"

// writeSyntheticKey writes the synthetic key's text to pseudonym.key at
// the top of out, readable by its owner only, and returns the file's path.
func writeSyntheticKey(out, text string) (string, error) {
	key := filepath.Join(out, partnersKeyFile)
	if err := os.WriteFile(key, []byte(text+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("writing the synthetic key: %w", err)
	}
	if err := os.Chmod(key, 0o600); err != nil { // an older file keeps its mode otherwise
		return "", fmt.Errorf("writing the synthetic key: %w", err)
	}
	return key, nil
}

// writePartners writes each year's early help and HAF files (already
// pseudonymised), the synthetic key they were pseudonymised with, and the
// mistakes put into them, and says what it wrote.
func writePartners(w io.Writer, out string, res *synth.Result) error {
	p, err := res.Partners()
	if err != nil {
		return err
	}
	eh, haf := 0, 0
	for i, y := range p.Years {
		dir := filepath.Join(out, y.Year.Folder())
		for _, t := range []struct{ file, table string }{{"early-help.csv", "EarlyHelp"}, {"haf.csv", "HAF"}} {
			if err := folder.WriteFile(filepath.Join(dir, t.file), func(w io.Writer) error { return p.WriteCSV(w, i, t.table) }); err != nil {
				return err
			}
		}
		eh, haf = eh+len(y.EarlyHelp), haf+y.HAFLen()
	}
	key, err := writeSyntheticKey(out, p.KeyText)
	if err != nil {
		return err
	}
	if len(p.Injected) > 0 {
		if err := folder.WriteFile(filepath.Join(out, "partners-injected-errors.csv"), p.WriteInjectedCSV); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "Wrote early help (%d episode rows) and HAF (%d session rows) files, pseudonymised with the synthetic key %s; load them with: village load --key %s %s\n",
		eh, haf, key, key, out)
	if len(p.Injected) > 0 {
		fmt.Fprintf(w, "Injected %d mistakes into them, listed in %s.\n", len(p.Injected), filepath.Join(out, "partners-injected-errors.csv"))
	}
	return nil
}
