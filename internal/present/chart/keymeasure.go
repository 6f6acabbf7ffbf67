package chart

import (
	"html/template"

	"github.com/village-uk/village/internal/indicators"
)

// KeyMeasureLine draws a key measure's trend as a sparkline named for what
// it shows, as the director's summary has it on the page and in the pack.
func KeyMeasureLine(m indicators.KeyMeasure) template.HTML {
	line := Sparkline{ID: "spark-" + m.Indicator.ID, Name: m.TrendName}
	for _, p := range m.Trend {
		line.Points = append(line.Points, Point{Label: p.Label, Value: p.Value})
		line.Texts = append(line.Texts, m.WithUnit(p.Text))
	}
	return line.SVG()
}
