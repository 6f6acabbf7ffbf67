package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// writeMovers prints the report in format.
func writeMovers(w io.Writer, format string, r moversReport) error {
	switch format {
	case "json":
		return writeIndentedJSON(w, r)
	case "csv":
		return writeMoversCSV(w, r)
	}
	return writeMoversTable(w, r)
}

func writeMoversTable(w io.Writer, r moversReport) error {
	fmt.Fprintf(w, "Children moving between %s (%s)\n", strings.Join(r.Authorities, ", "), figuresMode(r.Mode == "publishable"))
	fmt.Fprintf(w, "A transfer: an episode ceasing E3 in one authority, and the same child (by UPN pseudonym) starting care in another on that day or up to %d days after.\n\n", r.WindowDays)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Transfers by collection year of the E3:")
	fmt.Fprintln(tw, "year\tfrom\tto\tchildren")
	if len(r.Transfers) == 0 {
		fmt.Fprintln(tw, "(none)")
	}
	for _, p := range r.Transfers {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Year, p.From, p.To, p.Children.Shown)
	}
	fmt.Fprintln(tw, "\nChildren looked after during the year, across the region:")
	fmt.Fprintln(tw, "year\tmembers' sum\tcounted once\tcounted by more than one member")
	for _, y := range r.Years {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", y.Year, y.Members.Shown, y.Once.Shown, y.Shared.Shown)
	}
	fmt.Fprintln(tw, "\nNot followed (counted, never guessed):")
	for _, c := range r.Unfollowed {
		fmt.Fprintf(tw, "%s\t%s\n", c.Shown, c.Title)
	}
	return tw.Flush()
}

// writeMoversCSV writes the report in the long form: one figure a row.
func writeMoversCSV(w io.Writer, r moversReport) error {
	cw := csv.NewWriter(w)
	rows := [][]string{{"mode", "section", "year", "from", "to", "measure", "value"}}
	for _, p := range r.Transfers {
		rows = append(rows, []string{r.Mode, "transfers", p.Year, p.From, p.To, "children", p.Children.Shown})
	}
	for _, y := range r.Years {
		rows = append(rows,
			[]string{r.Mode, "looked_after_during_year", y.Year, "", "", "members_sum", y.Members.Shown},
			[]string{r.Mode, "looked_after_during_year", y.Year, "", "", "counted_once", y.Once.Shown},
			[]string{r.Mode, "looked_after_during_year", y.Year, "", "", "counted_by_more_than_one", y.Shared.Shown})
	}
	for _, c := range r.Unfollowed {
		rows = append(rows, []string{r.Mode, "not_followed", "", "", "", c.ID, c.Shown})
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("writing the transfers as CSV: %w", err)
	}
	return nil
}

// writeChains prints each journey across authorities, for --children.
func writeChains(w io.Writer, format string, chains []moversChain) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Journeys []moversChain `json:"journeys"`
		}{chains})
	case "csv":
		return writeChainsCSV(w, chains)
	}
	fmt.Fprintln(w, "Children's journeys across the region's authorities, by the pseudonym of the UPN (exact: not for publication).")
	fmt.Fprintln(w, "Days in care: each stay's days, to the end of the returns for one still in care; \"at least\" where the care began before the first authority's returns.")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "pseudonym\tdays in care\tstays")
	for _, c := range chains {
		var stays []string
		for _, s := range c.Stays {
			end := "in care"
			if s.End != "" {
				end = s.End + " " + s.EndReason
			}
			stays = append(stays, fmt.Sprintf("%s %s to %s", s.LA, s.Start, end))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Pseudonym, chainDays(c), strings.Join(stays, "; "))
	}
	return tw.Flush()
}

// chainDays writes a journey's days in care: x when not known.
func chainDays(c moversChain) string {
	switch {
	case c.Days == nil:
		return "x"
	case c.AtLeast:
		return "at least " + strconv.Itoa(*c.Days)
	}
	return strconv.Itoa(*c.Days)
}

// writeChainsCSV writes one row a stay.
func writeChainsCSV(w io.Writer, chains []moversChain) error {
	cw := csv.NewWriter(w)
	rows := [][]string{{"pseudonym", "stay", "la", "start", "end", "end_reason", "left_censored", "days_in_care"}}
	for _, c := range chains {
		for i, s := range c.Stays {
			rows = append(rows, []string{c.Pseudonym, strconv.Itoa(i + 1), s.LA, s.Start, s.End, s.EndReason, strconv.FormatBool(s.LeftCensored), chainDays(c)})
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("writing the journeys as CSV: %w", err)
	}
	return nil
}
