package ledger

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/village-uk/village/internal/present/pack"
	"github.com/village-uk/village/internal/present/sheet"
)

// WriteJSON writes the ledger as indented JSON.
func (l *Ledger) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(l)
}

// Pounds writes whole pounds as the pack does: £1,234,567, -£20,000.
func Pounds(v int64) string { return pack.PoundsText(v) }

// Range writes a 90% interval: £10,000 to £25,000.
func (m Money) Range() string { return Pounds(m.P5) + " to " + Pounds(m.P95) }

// WriteText writes the ledger for a terminal: the programmes, the
// trajectory by quarter and the notes.
func (l *Ledger) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "Savings ledger: %s to %s, split by %s, against the baseline forecast from the data's end, %s\n\n",
		l.Quarters[0].Quarter, l.Quarters[len(l.Quarters)-1].Quarter, l.Split, l.DataEnd)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "ORDER\tPROGRAMME\tGROSS\t90% INTERVAL\tNET\t90% INTERVAL\tTARGET\tANNUAL COST\t")
	for _, p := range l.Programmes {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", p.Order, p.Name, Pounds(p.Gross.Pounds), p.Gross.Range(), Pounds(p.Net.Pounds), p.Net.Range(), Pounds(p.Target), Pounds(p.AnnualCost))
	}
	fmt.Fprintf(tw, "\tSum of gross\t%s\t\t\t\t\t\t\n", Pounds(l.Total.Gross))
	fmt.Fprintf(tw, "\tAll together\t%s\t%s\t\t\t\t\t\n", Pounds(l.Total.Combined.Pounds), l.Total.Combined.Range())
	fmt.Fprintf(tw, "\tOverlap\t%s\t\t\t\t\t\t\n", Pounds(l.Total.Overlap))
	fmt.Fprintf(tw, "\tNet total to book\t\t\t%s\t%s\t%s\t\t\n", Pounds(l.Total.Net.Pounds), l.Total.Net.Range(), Pounds(l.Total.Target))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nTrajectory by financial quarter")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "QUARTER\tMONTHS\tGROSS\tOVERLAP\tNET\t90% INTERVAL\tTARGET\tCUMULATIVE NET\tCUMULATIVE TARGET\t")
	for _, q := range l.Quarters {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s to %s\t%s\t%s\t%s\t\n", q.Quarter, q.Months, Pounds(sum(q.Gross)), Pounds(q.Overlap), Pounds(q.Bookable),
			Pounds(q.NetP5), Pounds(q.NetP95), Pounds(q.TargetTotal), Pounds(q.CumulativeNet), Pounds(q.CumulativeTarget))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, n := range l.Notes {
		fmt.Fprintln(w, "- "+n)
	}
	return nil
}

// WriteXLSX writes the ledger as an Excel workbook: the programmes, the
// quarters, the overlap and the method.
func (l *Ledger) WriteXLSX(w io.Writer) error {
	return sheet.WriteWorkbook(w,
		sheet.Rows{Name: "Programmes", Rows: l.programmeRows()},
		sheet.Rows{Name: "Quarters", Rows: l.quarterRows()},
		sheet.Rows{Name: "Overlap", Rows: l.overlapRows()},
		sheet.Rows{Name: "Method", Rows: l.methodRows()},
	)
}

func (l *Ledger) programmeRows() [][]any {
	rows := [][]any{{"order", "programme", "rank", "interventions", "annual cost (£)", "gross (£)", "gross 5th percentile (£)", "gross 95th percentile (£)",
		"net (£)", "net 5th percentile (£)", "net 95th percentile (£)", "target (£)", "basis"}}
	for _, p := range l.Programmes {
		rows = append(rows, []any{p.Order, p.Name, rankText(p.Rank), strings.Join(p.Interventions, "; "), p.AnnualCost, p.Gross.Pounds, p.Gross.P5, p.Gross.P95,
			p.Net.Pounds, p.Net.P5, p.Net.P95, p.Target, p.Basis})
	}
	rows = append(rows, []any{}, []any{"programme", "placement category", "weeks avoided alone (negative: added)"})
	for _, p := range l.Programmes {
		for _, w := range p.Weeks {
			rows = append(rows, []any{p.Name, w.Label, w.Weeks})
		}
	}
	return rows
}

func rankText(rank int) any {
	if rank == 0 {
		return "unranked"
	}
	return rank
}

func (l *Ledger) quarterRows() [][]any {
	header := []any{"quarter", "months"}
	for _, p := range l.Programmes {
		header = append(header, p.Name+" net (£)", p.Name+" target (£)")
	}
	header = append(header, "net total (£)", "net 5th percentile (£)", "net 95th percentile (£)", "target total (£)", "cumulative net (£)", "cumulative target (£)")
	rows := [][]any{header}
	for _, q := range l.Quarters {
		row := []any{q.Quarter, q.Months}
		for i := range l.Programmes {
			row = append(row, q.Net[i], q.Target[i])
		}
		rows = append(rows, append(row, q.Bookable, q.NetP5, q.NetP95, q.TargetTotal, q.CumulativeNet, q.CumulativeTarget))
	}
	return rows
}

func (l *Ledger) overlapRows() [][]any {
	header := []any{"quarter"}
	for _, p := range l.Programmes {
		header = append(header, p.Name+" gross (£)")
	}
	header = append(header, "sum of gross (£)", "all together (£)", "overlap (£)", "net total (£)")
	rows := [][]any{header}
	for _, q := range l.Quarters {
		row := []any{q.Quarter}
		for _, g := range q.Gross {
			row = append(row, g)
		}
		rows = append(rows, append(row, sum(q.Gross), q.Combined, q.Overlap, q.Bookable))
	}
	return append(rows, []any{}, []any{"total", "", "", ""}, []any{"sum of gross", l.Total.Gross}, []any{"all together", l.Total.Combined.Pounds},
		[]any{"overlap", l.Total.Overlap}, []any{"net total", l.Total.Net.Pounds}, []any{"together, beyond the sum of claims (not booked)", l.Total.Unclaimed})
}

func (l *Ledger) methodRows() [][]any {
	rows := [][]any{
		{"Savings ledger"},
		{"Data to", l.DataEnd},
		{"Projection starts", l.Start},
		{"Split", string(l.Split)},
		{"Simulations", l.Simulations},
		{"Seed", l.Seed},
		{"Inflation a year", l.Inflation},
		{},
	}
	for _, n := range l.Notes {
		rows = append(rows, []any{n})
	}
	rows = append(rows, []any{}, []any{"unit cost category", "weekly cost (£)", "year of prices", "source"})
	for _, c := range l.Costs {
		rows = append(rows, []any{c.Key, c.Weekly, c.YearText, c.Source})
	}
	rows = append(rows, []any{})
	for _, line := range strings.Split(Method, "\n") {
		rows = append(rows, []any{line})
	}
	return rows
}
