package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/folder"
)

// defaultRetention is how long audit entries are kept by default: seven
// years, a common retention period for records of access to social care
// files; councils set their own with --older-than.
const defaultRetention = "7y"

// auditCommand is "village audit verify|export|prune".
func auditCommand() *command {
	c := &command{
		name: "audit",
		summary: "Check, export or prune the audit log, a chain in which each entry carries a hash over its content and the entry before it. " +
			"verify exits 0 when the chain is intact and 1 naming the first entry changed, removed or inserted (by its number and time); " +
			"export writes the entries, with their hashes, to a CSV or JSON file readable by its owner only (verify --file checks such a file on its own); " +
			"prune removes entries older than the retention period (default " + defaultRetention + ") and leaves a checkpoint from which the chain still verifies.",
		usage:   "verify|export|prune [flags]",
		example: "village audit verify --db village.db\n  village audit export --from 2026-04-01 --to 2026-06-30 --out audit-q1.csv\n  village audit prune --older-than 7y",
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) == 0 {
			return errors.New("expected verify, export or prune; run \"village audit -h\"")
		}
		sub, ok := auditSubcommands[args[0]]
		if !ok {
			return fmt.Errorf("unknown audit command %q: expected verify, export or prune", args[0])
		}
		return sub(ctx, e, args[1:])
	}
	return c
}

// auditSubcommands run "village audit NAME ARGS".
var auditSubcommands = map[string]func(ctx context.Context, e *env, args []string) error{
	"verify": auditVerify,
	"export": auditExport,
	"prune":  auditPrune,
}

// parseAuditFlags parses a subcommand's flags, bound by bind; it takes no
// other arguments.
func parseAuditFlags(e *env, name string, args []string, bind func(fs *flag.FlagSet)) error {
	fs := flag.NewFlagSet("audit "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	bind(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("audit %s: unexpected arguments %q; flags only", name, fs.Args())
	}
	return nil
}

// auditVerify checks the chain in the store, or in an export.
func auditVerify(ctx context.Context, e *env, args []string) error {
	var db, file string
	err := parseAuditFlags(e, "verify", args, func(fs *flag.FlagSet) {
		dbFlag(fs, &db)
		fs.StringVar(&file, "file", "", "check an export made by \"village audit export\" instead of the store")
	})
	if err != nil {
		return err
	}
	if file != "" {
		return verifyExport(e, file)
	}
	s, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	head, err := s.VerifyAudit(ctx)
	if b, ok := errors.AsType[*store.ChainBreak](err); ok {
		fmt.Fprintf(e.stdout, "The audit log of %s is NOT intact: %v.\n", redact(db), b)
		return dataErrors
	}
	if err != nil {
		return err
	}
	if head.Seq == 0 {
		fmt.Fprintf(e.stdout, "The audit log of %s is empty.\n", redact(db))
		return nil
	}
	fmt.Fprintf(e.stdout, "The audit log of %s is intact up to entry %d, whose hash is %s.\n"+
		"Keep that hash somewhere else: a later verify whose chain does not pass through it shows the log was rewritten.\n",
		redact(db), head.Seq, head.Hash)
	return nil
}

// verifyExport checks the chain in an export file on its own: it may
// begin anywhere (an export of a period), but must hold together.
func verifyExport(e *env, path string) error {
	entries, err := readExport(path)
	if err != nil {
		return err
	}
	if b := store.CheckChain(entries, nil, true); b != nil {
		fmt.Fprintf(e.stdout, "The audit export %s is NOT intact: %v.\n", path, b)
		return dataErrors
	}
	if len(entries) == 0 {
		fmt.Fprintf(e.stdout, "The audit export %s holds no entries.\n", path)
		return nil
	}
	last := entries[len(entries)-1]
	fmt.Fprintf(e.stdout, "The audit export %s is intact: entries %d to %d, the last with hash %s.\n", path, entries[0].Seq, last.Seq, last.Hash)
	return nil
}

// auditExport writes the chain's entries, or a period's, to a file.
func auditExport(ctx context.Context, e *env, args []string) error {
	var db, fromText, toText, out string
	err := parseAuditFlags(e, "export", args, func(fs *flag.FlagSet) {
		dbFlag(fs, &db)
		fs.StringVar(&fromText, "from", "", "the first day to export, YYYY-MM-DD (default: the first entry)")
		fs.StringVar(&toText, "to", "", "the last day to export, YYYY-MM-DD, whole (default: up to now)")
		fs.StringVar(&out, "out", "", "the file to write: .csv or .json (required; written readable by its owner only)")
	})
	if err != nil {
		return err
	}
	from, to, err := exportPeriod(fromText, toText)
	if err != nil {
		return err
	}
	write, err := exportWriter(out)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	entries, err := s.AuditEntries(ctx, from, to)
	if err != nil {
		return err
	}
	// folder.WriteFile writes through a temporary file, made 0600.
	if err := folder.WriteFile(out, func(w io.Writer) error { return write(w, entries) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %d audit entries to %s, with their hashes: \"village audit verify --file %s\" checks it.\n", len(entries), out, out)
	return s.Audit(ctx, store.Access{Who: app.LocalActor("").Name, IdentifiedBy: app.LocalActor("").IdentifiedBy, From: "command line",
		Action: fmt.Sprintf("export audit log (%d entries) to %s", len(entries), filepath.Base(out))})
}

// exportPeriod reads --from and --to, the first and last days (UTC) of
// the export, as the times from which and before which entries are
// exported; blank leaves that end open.
func exportPeriod(fromText, toText string) (from, to time.Time, err error) {
	day := func(flagName, text string) (time.Time, error) {
		if text == "" {
			return time.Time{}, nil
		}
		t, err := time.Parse(time.DateOnly, text)
		if err != nil {
			return t, fmt.Errorf("--%s %q: expected a date as YYYY-MM-DD", flagName, text)
		}
		return t, nil
	}
	if from, err = day("from", fromText); err != nil {
		return
	}
	if to, err = day("to", toText); err != nil {
		return
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return from, to, fmt.Errorf("--to %s is before --from %s", toText, fromText)
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1) // the whole of the last day
	}
	return
}

// exportHeader names the CSV export's columns, in the order exportRow
// gives them.
var exportHeader = []string{"seq", "at", "who", "identified_by", "from_address", "action", "subject", "reason", "prev_hash", "hash"}

func exportRow(e store.Entry) []string {
	return []string{strconv.FormatInt(e.Seq, 10), e.At, e.Who, e.IdentifiedBy, e.From, e.Action, e.Subject, e.Reason, e.PrevHash, e.Hash}
}

// exportWriter returns how to write an export to path, by its extension.
func exportWriter(path string) (func(io.Writer, []store.Entry) error, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return writeExportCSV, nil
	case ".json":
		return writeExportJSON, nil
	case "":
		if path == "" {
			return nil, errors.New("--out is required: the file to write, ending .csv or .json")
		}
	}
	return nil, fmt.Errorf("--out %s: expected a file ending .csv or .json", path)
}

func writeExportCSV(w io.Writer, entries []store.Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(exportHeader); err != nil {
		return err
	}
	for _, e := range entries {
		if err := cw.Write(exportRow(e)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeExportJSON(w io.Writer, entries []store.Entry) error {
	if entries == nil {
		entries = []store.Entry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(entries)
}

// readExport reads an export written by auditExport.
func readExport(path string) ([]store.Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		var entries []store.Entry
		if err := json.NewDecoder(f).Decode(&entries); err != nil {
			return nil, fmt.Errorf("reading the audit export %s: %w", path, err)
		}
		return entries, nil
	case ".csv":
		return readExportCSV(path, f)
	}
	return nil, fmt.Errorf("%s: expected an audit export ending .csv or .json", path)
}

func readExportCSV(path string, r io.Reader) ([]store.Entry, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(exportHeader)
	records, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("reading the audit export %s: %w", path, err)
	}
	if len(records) == 0 || strings.Join(records[0], ",") != strings.Join(exportHeader, ",") {
		return nil, fmt.Errorf("reading the audit export %s: line 1: expected the header %s", path, strings.Join(exportHeader, ","))
	}
	var entries []store.Entry
	for i, rec := range records[1:] {
		seq, err := strconv.ParseInt(rec[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("reading the audit export %s: line %d, column seq: %q is not a whole number", path, i+2, rec[0])
		}
		entries = append(entries, store.Entry{Seq: seq, At: rec[1], Who: rec[2], IdentifiedBy: rec[3], From: rec[4],
			Action: rec[5], Subject: rec[6], Reason: rec[7], PrevHash: rec[8], Hash: rec[9]})
	}
	return entries, nil
}

// auditPrune removes entries older than the retention period.
func auditPrune(ctx context.Context, e *env, args []string) error {
	var db, olderThan string
	err := parseAuditFlags(e, "prune", args, func(fs *flag.FlagSet) {
		dbFlag(fs, &db)
		fs.StringVar(&olderThan, "older-than", defaultRetention, "remove entries older than this: years (7y), months (18m) or days (90d)")
	})
	if err != nil {
		return err
	}
	cutoff, err := retentionCutoff(olderThan, time.Now().UTC())
	if err != nil {
		return err
	}
	s, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.PruneAudit(ctx, cutoff, app.LocalActor("").Name)
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(e.stdout, "No audit entries made before %s: nothing removed.\n", cutoff.Format(time.DateOnly))
		return nil
	}
	fmt.Fprintf(e.stdout, "Removed %d audit entries made before %s; a checkpoint entry stands in their place, from which the chain verifies.\n",
		n, cutoff.Format(time.DateOnly))
	return nil
}

// retentionCutoff is the time before which entries are older than text
// (a number of years, months or days: 7y, 18m, 90d), counted back from now.
func retentionCutoff(text string, now time.Time) (time.Time, error) {
	bad := fmt.Errorf("--older-than %q: expected a number of years, months or days, such as 7y, 18m or 90d", text)
	if len(text) < 2 {
		return time.Time{}, bad
	}
	n, err := strconv.Atoi(text[:len(text)-1])
	if err != nil || n <= 0 {
		return time.Time{}, bad
	}
	switch text[len(text)-1] {
	case 'y':
		return now.AddDate(-n, 0, 0), nil
	case 'm':
		return now.AddDate(0, -n, 0), nil
	case 'd':
		return now.AddDate(0, 0, -n), nil
	}
	return time.Time{}, bad
}
