package pack

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/chart"
)

//go:embed pack.html
var pageText string

// page is the HTML pack's template: one self-contained page with its
// style inline, no scripts and nothing fetched from elsewhere, so that it
// can be mailed, opened offline and printed a section to a page.
var page = template.Must(template.New("pack").Parse(pageText))

// htmlSection is a section as the page shows it.
type htmlSection struct {
	Section
	Chart      template.HTML // the control chart with its data table, or empty
	WhyNoChart string        // why there is no chart, when there is none
}

// WriteHTML writes the pack as one printable HTML page: the title and
// what kind of figures it holds, contents, the headline table, then a
// section per indicator with its definition, signals in words, control
// chart and breakdowns.
func (m *Model) WriteHTML(w io.Writer) error {
	sections := make([]htmlSection, len(m.Sections))
	for i, s := range m.Sections {
		h := htmlSection{Section: s}
		if !s.Page {
			sections[i] = h
			continue
		}
		if h.WhyNoChart = whyNoChart(m, s); h.WhyNoChart != "" {
			if s.Hidden > 0 {
				h.WhyNoChart += " The figures as published:"
			}
		} else {
			svg, err := drawChart(s)
			if err != nil {
				return err
			}
			h.Chart = svg
		}
		sections[i] = h
	}
	var buf bytes.Buffer // the whole page or nothing, should the template fail
	if err := page.Execute(&buf, map[string]any{"Model": m, "Sections": sections, "NoSignal": noSignal}); err != nil {
		return fmt.Errorf("writing the HTML pack: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// drawChart draws a section's monthly figures as a control chart, leaving
// out the months whose figure cannot be computed.
func drawChart(s Section) (template.HTML, error) {
	c := chart.SPC{ID: "chart-" + s.Indicator.ID, Unit: s.MonthUnit, Series: indicators.ChartSeries(s.Indicator, s.Months, s.Series)}
	var svg bytes.Buffer
	if err := c.Write(&svg); err != nil {
		return "", fmt.Errorf("drawing the chart of %s: %w", s.Indicator.ID, err)
	}
	// The chart package writes through html/template, so its output is
	// already escaped.
	return template.HTML(svg.String()), nil
}
