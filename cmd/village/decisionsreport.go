package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/present/pack"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// decisionsVerb is one action of `village decisions`: it runs on the
// store's register as the person --as names, with what the store holds
// to count cohorts.
type decisionsVerb struct {
	usage string
	flags func(fs *flag.FlagSet)
	run   func(ctx context.Context, e *env, r *app.Register, by app.Actor, h app.Holdings, args []string) error
}

func decisionsCommand() *command {
	return &command{
		name: "decisions",
		summary: "The decision register's exports and yearly report, as /decisions in village serve has them: export writes the register " +
			"(narrowed by --agency, --cohort, --status, --unacknowledged) as CSV (with its acknowledgements beside it, NAME-acknowledgements.csv) or " +
			"as an Excel workbook; report gives what the safeguarding partnership's yearly report needs about decisions affecting shared cohorts " +
			"for a financial year (--year 2025/26, the last ended by default) or --from and --to dates. Cohorts' counts of children are exact, or " +
			"publishable when --as names a partner. Each is written to the audit log.",
		usage:   "export|report [--db DB] [--as NAME] [flags]",
		example: "village decisions report --db village.db --year 2025/26 --format table",
		run: func(ctx context.Context, e *env, args []string) error {
			return runDecisionsVerb(ctx, e, decisionsVerbs(), args)
		},
	}
}

// runDecisionsVerb parses the verb's flags and runs it as runRegisterVerb
// does, with the store's journeys and front doors to count cohorts.
func runDecisionsVerb(ctx context.Context, e *env, verbs map[string]decisionsVerb, args []string) error {
	v, err := pickVerb("decisions", verbs, args)
	if err != nil {
		return err
	}
	af, rest, err := parseVerbFlags(e, "decisions", args[0], v.usage, v.flags, args[1:])
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected arguments %q; flags only", rest)
	}
	s, by, err := openStoreAs(ctx, af.db, af.user)
	if err != nil {
		return err
	}
	defer s.Close()
	h, err := holdingsOf(ctx, s)
	if err != nil {
		return err
	}
	return v.run(ctx, e, &app.Register{Store: s.Decisions()}, by, h, rest)
}

// holdingsOf is what the store holds to count cohorts: none of a return
// not loaded, whose cohorts are then not known (x).
func holdingsOf(ctx context.Context, s *store.Store) (app.Holdings, error) {
	var h app.Holdings
	set, err := journeysWith(ctx, s, journey.Options{}) // no postcodes: out of area is then not known
	switch {
	case errors.Is(err, errEmptyStore):
	case err != nil:
		return h, err
	default:
		h.Care = set
	}
	censuses, err := s.CIN().Returns(ctx)
	if err != nil {
		return h, err
	}
	if len(censuses) > 0 {
		h.Front = frontdoor.Build(censuses)
	}
	return h, nil
}

func decisionsVerbs() map[string]decisionsVerb {
	var (
		f                    app.Filter
		status, out          string
		year, from, to, form string
	)
	return map[string]decisionsVerb{
		"export": {usage: "[--agency ID] [--cohort ID] [--status S] [--unacknowledged] --out FILE.csv|FILE.xlsx", flags: func(fs *flag.FlagSet) {
			fs.StringVar(&f.Agency, "agency", "", "only the decisions of this deciding agency, such as health")
			fs.StringVar(&f.Cohort, "cohort", "", "only the decisions affecting this cohort, such as looked_after")
			fs.StringVar(&status, "status", "", "only the decisions with this status: proposed, decided, in_effect or reviewed")
			fs.BoolVar(&f.Unacknowledged, "unacknowledged", false, "only the decisions a lead has not acknowledged")
			fs.StringVar(&out, "out", "", "the file to write: ending .csv (the acknowledgements go beside it, NAME-acknowledgements.csv) or .xlsx (required)")
		}, run: func(ctx context.Context, e *env, r *app.Register, by app.Actor, h app.Holdings, _ []string) error {
			if status != "" {
				st, err := decisions.ParseStatus(status)
				if err != nil {
					return fmt.Errorf("--status: %w", err)
				}
				f.Status = st
			}
			return exportRegister(ctx, e, r, by, h, f, out)
		}},
		"report": {usage: "[--year 2025/26 | --from DATE --to DATE] [--format table|json|csv] [--out FILE.xlsx]", flags: func(fs *flag.FlagSet) {
			fs.StringVar(&year, "year", "", "the financial year, such as 2025/26 (default: the last one ended)")
			fs.StringVar(&from, "from", "", "the first day of the period instead of a year, such as 2025-04-01")
			fs.StringVar(&to, "to", "", "the last day of the period, such as 2026-03-31")
			fs.StringVar(&form, "format", "table", "how to print it: table, json or csv")
			fs.StringVar(&out, "out", "", "also write it as an Excel workbook, a sheet a table (a file ending .xlsx)")
		}, run: func(ctx context.Context, e *env, r *app.Register, by app.Actor, h app.Holdings, _ []string) error {
			return reportRegister(ctx, e, r, by, h, [3]string{year, from, to}, form, out)
		}},
	}
}

// exportRegister writes the register as the filter keeps it to out.
func exportRegister(ctx context.Context, e *env, r *app.Register, by app.Actor, h app.Holdings, f app.Filter, out string) error {
	ext := strings.ToLower(filepath.Ext(out))
	if ext != ".csv" && ext != ".xlsx" {
		return fmt.Errorf("--out %q: expected a file name ending .csv or .xlsx", out)
	}
	ex, err := r.Export(ctx, by, app.FromCommandLine, f, h)
	if err != nil {
		return err
	}
	tables := ex.Tables()
	if ext == ".xlsx" {
		if err := folder.WriteFile(out, func(w io.Writer) error { return app.WriteXLSX(w, tables...) }); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote %d decisions and %d acknowledgements (%s) to %s.\n", len(ex.Rows), len(ex.Acks), f, out)
		return nil
	}
	acks := strings.TrimSuffix(out, filepath.Ext(out)) + "-acknowledgements.csv"
	for i, name := range []string{out, acks} {
		if err := folder.WriteFile(name, func(w io.Writer) error { return app.WriteCSV(w, tables[i]) }); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "Wrote %d decisions (%s) to %s and their %d acknowledgements to %s.\n", len(ex.Rows), f, out, len(ex.Acks), acks)
	return nil
}

// reportRegister prints the yearly report for the period asked (year,
// from, to) in the format, and writes it to out when named.
func reportRegister(ctx context.Context, e *env, r *app.Register, by app.Actor, h app.Holdings, asked [3]string, format, out string) error {
	if format != "table" && format != "json" && format != "csv" {
		return fmt.Errorf("--format %q: expected table, json or csv", format)
	}
	if out != "" && strings.ToLower(filepath.Ext(out)) != ".xlsx" {
		return fmt.Errorf("--out %q: expected a file name ending .xlsx", out)
	}
	if asked == [3]string{} {
		asked[0] = app.DefaultReportYear(calendar.DateOf(time.Now()))
	}
	p, err := app.ParseReportPeriod(asked[0], asked[1], asked[2])
	if err != nil {
		return err
	}
	rep, err := r.Report(ctx, by, app.FromCommandLine, p, h)
	if err != nil {
		return err
	}
	if out != "" {
		if err := folder.WriteFile(out, func(w io.Writer) error { return app.WriteXLSX(w, rep.Tables()...) }); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "Wrote the report to %s.\n", out)
	}
	switch format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep.JSON())
	case "csv":
		return app.WriteCSV(e.stdout, app.LongTable(rep.Tables()))
	}
	return printReport(e.stdout, rep)
}

// printReport writes the report's tables for the terminal.
func printReport(w io.Writer, rep app.YearReport) error {
	fmt.Fprintf(w, "Decisions affecting shared cohorts, %s: counts of decisions and notices; cohorts' counts of children %s.\n",
		rep.Period.Label, rep.Policy)
	for _, t := range rep.Tables() {
		fmt.Fprintf(w, "\n%s\n", t.Name)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		headings := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			headings[i] = strings.ToUpper(c.Heading)
		}
		fmt.Fprintln(tw, strings.Join(headings, "\t"))
		if len(t.Rows) == 0 {
			fmt.Fprintln(tw, "none")
		}
		for _, row := range t.Rows {
			cells := make([]string, len(row))
			for i, v := range row {
				cells[i] = app.Words(v)
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// packDecisions is the pack's section on the register's decisions of the
// quarter affecting children in care, their cohorts counted from h under
// the pack's policy.
func packDecisions(ctx context.Context, s *store.Store, q calendar.Period, h app.Holdings, publishable bool) (*pack.Decisions, error) {
	r := &app.Register{Store: s.Decisions()}
	found, kept, err := r.Quarter(ctx, q, h, disclose.PolicyOf(publishable))
	if err != nil {
		return nil, err
	}
	out := &pack.Decisions{Kept: kept}
	for _, f := range found {
		d := f.Decision
		row := pack.DecisionRow{ID: d.ID, Title: d.Title, Agency: f.AgencyName, Decided: d.Decided, Effective: d.Effective,
			Status: d.Status.Label(), Notices: f.Sent, Acknowledged: f.Acknowledged, Overdue: f.Overdue,
			Supports: f.Responses[decisions.Supports], Concerns: f.Responses[decisions.Concerns], Discussion: f.Responses[decisions.NeedsDiscussion]}
		for _, im := range f.Impacts {
			row.Cohorts = append(row.Cohorts, pack.DecisionCohort{Name: im.Cohort.Name(), Count: im.Count, Entered: im.Entered})
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}
