package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/village-uk/village/internal/app"
)

// writeRegionView writes the figures of members side by side (and the
// group's, when the view is a group's) as a table, JSON or CSV.
func writeRegionView(w io.Writer, format string, v app.RegionView) error {
	switch format {
	case "json":
		return writeIndentedJSON(w, v)
	case "csv":
		return writeRegionCSV(w, v)
	}
	return writeRegionTable(w, v)
}

// regionHeads are the columns of the members (and the group).
func regionHeads(v app.RegionView) []string {
	var heads []string
	for _, m := range v.Members {
		heads = append(heads, m.Name)
	}
	if v.Group != "" {
		heads = append(heads, v.Group+" (group)")
	}
	return heads
}

// regionCells are a row's figures in the order of regionHeads.
func regionCells(v app.RegionView, r app.RegionRow) []string {
	cells := append([]string(nil), r.Members...)
	if v.Group != "" {
		cells = append(cells, r.Group)
	}
	return cells
}

func writeRegionTable(w io.Writer, v app.RegionView) error {
	if v.Group != "" {
		refreshed := "never refreshed (village region refresh --group " + v.Group + ")"
		if v.Refreshed != "" {
			refreshed = "refreshed " + v.Refreshed
		}
		fmt.Fprintf(w, "Regional group %s, %s: counts of 1 to 5 suppressed (c) for publication to every member\n", v.Group, refreshed)
	} else {
		fmt.Fprintf(w, "The 903 indicators of %d authorities side by side (%s)\n", len(v.Members), v.Mode)
	}
	for _, p := range v.Periods {
		fmt.Fprintf(w, "\n%s\n", p.Period)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "id\t%s\t\n", strings.Join(regionHeads(v), "\t"))
		for _, r := range p.Rows {
			fmt.Fprintf(tw, "%s\t%s\t\n", r.ID, strings.Join(regionCells(v, r), "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		notes := false
		for _, r := range p.Rows {
			if r.Note == "" {
				continue
			}
			if !notes {
				fmt.Fprintln(w, "Notes on the group's figures:")
				notes = true
			}
			fmt.Fprintf(w, "  %s: %s\n", r.ID, r.Note)
		}
	}
	return nil
}

// writeRegionCSV writes one row per period and figure, the members' (and
// the group's) values side by side.
func writeRegionCSV(w io.Writer, v app.RegionView) error {
	cw := csv.NewWriter(w)
	head := append([]string{"period", "id", "title", "unit"}, regionHeads(v)...)
	if err := cw.Write(append(head, "note")); err != nil {
		return err
	}
	for _, p := range v.Periods {
		for _, r := range p.Rows {
			row := append([]string{p.Period, r.ID, r.Title, r.Unit}, regionCells(v, r)...)
			if err := cw.Write(append(row, r.Note)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
