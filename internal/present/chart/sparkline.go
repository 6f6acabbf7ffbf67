package chart

import (
	"fmt"
	"html/template"
	"strings"
)

// Sparkline is a word-sized line of a series, drawn inline beside a
// figure. It has no axes: its accessible name says what it shows, from
// the first point to the last, so that a screen reader has the numbers.
type Sparkline struct {
	ID     string  // unique on its page, for the accessible name
	Name   string  // what the line shows: "Children looked after, 12 months to March 2026"
	Points []Point // oldest first; the labels and values go into the name
	Texts  []string
}

// Point is one point of a sparkline: its period's label and its value.
type Point struct {
	Label string // the period, as "2025-07"
	Value float64
}

// Size of a sparkline, in SVG units and in CSS pixels.
const sparkWidth, sparkHeight, sparkPad = 96.0, 24.0, 2.0

// SVG draws the sparkline as an inline SVG image, or returns "" when it
// has fewer than two points.
func (s Sparkline) SVG() template.HTML {
	if len(s.Points) < 2 {
		return ""
	}
	lo, hi := s.Points[0].Value, s.Points[0].Value
	for _, p := range s.Points {
		lo, hi = min(lo, p.Value), max(hi, p.Value)
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	var path strings.Builder
	var x, y float64
	for i, p := range s.Points {
		x = sparkPad + float64(i)*(sparkWidth-2*sparkPad)/float64(len(s.Points)-1)
		y = sparkPad + (hi-p.Value)/(hi-lo)*(sparkHeight-2*sparkPad)
		fmt.Fprintf(&path, "%s%.1f %.1f", map[bool]string{true: "M", false: " L"}[i == 0], x, y)
	}
	first, last := s.Points[0], s.Points[len(s.Points)-1]
	name := fmt.Sprintf("%s: %s %s, %s %s", s.Name, first.Label, s.text(0), last.Label, s.text(len(s.Points)-1))
	// Every piece is escaped here, so the result is safe to embed.
	return template.HTML(fmt.Sprintf(`<svg role="img" aria-labelledby="%[1]s-title" class="village-sparkline" viewBox="0 0 %[2]g %[3]g" width="%[2]g" height="%[3]g"><title id="%[1]s-title">%[4]s</title>`+
		`<path d="%[5]s" fill="none" stroke="#1d70b8" stroke-width="1.5"/><circle cx="%.1[6]f" cy="%.1[7]f" r="2" fill="#1d70b8"/></svg>`,
		template.HTMLEscapeString(s.ID), sparkWidth, sparkHeight, template.HTMLEscapeString(name), path.String(), x, y))
}

// text is point i's value as the name gives it: Texts[i] when given.
func (s Sparkline) text(i int) string {
	if i < len(s.Texts) {
		return s.Texts[i]
	}
	return fmt.Sprint(s.Points[i].Value)
}
