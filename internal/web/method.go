package web

import (
	"html"
	"html/template"
	"net/http"
	"regexp"
	"strings"

	"github.com/village-uk/village/internal/forecast"
)

// methodPage is the forecast's method, forecast/METHOD.md, as a page.
type methodPage struct {
	Body template.HTML
}

// methodTitle and methodBody are METHOD.md rendered once: its first
// heading is the page's h1, the rest its body.
var methodTitle, methodBody = markdown(forecast.Method)

func (s *Server) method(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "method.html", page{Title: methodTitle, Nav: "forecast",
		Crumbs: []crumb{{"Forecast", "/forecast"}}, Content: methodPage{Body: methodBody}})
}

var (
	boldText   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	codeText   = regexp.MustCompile("`([^`]+)`")
	numberItem = regexp.MustCompile(`^[0-9]+\. `)
)

// inline escapes a line of Markdown and renders its bold and code spans.
func inline(text string) string {
	text = html.EscapeString(text)
	text = codeText.ReplaceAllString(text, "<code>$1</code>")
	return boldText.ReplaceAllString(text, "<strong>$1</strong>")
}

// markdown renders the little Markdown METHOD.md uses, in the GOV.UK
// Design System's classes: a # title (returned apart, for the page's h1),
// ## and ### headings, paragraphs, bulleted and numbered lists, pipe
// tables (captioned, for screen readers, by the heading before them),
// **bold**, `code` and fenced code blocks (```, shown as they are, for a
// file's example). Anything else is a paragraph of text, escaped.
func markdown(src string) (string, template.HTML) {
	var out strings.Builder
	var title, heading string
	var para []string
	var list string // "ul" or "ol" while one is open
	var table [][]string
	flushPara := func() {
		if len(para) > 0 {
			out.WriteString(`<p class="govuk-body">` + inline(strings.Join(para, " ")) + "</p>\n")
			para = nil
		}
	}
	flushList := func() {
		if list != "" {
			out.WriteString("</" + list + ">\n")
			list = ""
		}
	}
	flushTable := func() {
		if len(table) == 0 {
			return
		}
		out.WriteString(`<table class="govuk-table">` + "\n")
		out.WriteString(`<caption class="govuk-table__caption govuk-visually-hidden">` + inline(heading) + "</caption>\n")
		out.WriteString(`<thead class="govuk-table__head"><tr class="govuk-table__row">`)
		for _, cell := range table[0] {
			out.WriteString(`<th scope="col" class="govuk-table__header">` + inline(cell) + "</th>")
		}
		out.WriteString("</tr></thead>\n" + `<tbody class="govuk-table__body">` + "\n")
		for _, row := range table[1:] {
			out.WriteString(`<tr class="govuk-table__row">`)
			for i, cell := range row {
				if i == 0 {
					out.WriteString(`<th scope="row" class="govuk-table__header">` + inline(cell) + "</th>")
				} else {
					out.WriteString(`<td class="govuk-table__cell">` + inline(cell) + "</td>")
				}
			}
			out.WriteString("</tr>\n")
		}
		out.WriteString("</tbody>\n</table>\n")
		table = nil
	}
	flush := func() { flushPara(); flushList(); flushTable() }
	var block []string // the lines of a fenced code block; nil outside one
	inBlock := false
	openList := func(kind, class string) {
		flushPara()
		flushTable()
		if list != kind {
			flushList()
			out.WriteString("<" + kind + ` class="govuk-list ` + class + `">` + "\n")
			list = kind
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		if fence := strings.HasPrefix(trimmed, "```"); inBlock || fence {
			if inBlock && fence {
				out.WriteString(`<pre class="village-code" tabindex="0"><code>` + html.EscapeString(strings.Join(block, "\n")) + "</code></pre>\n")
				block = nil
			} else if fence {
				flush()
			} else {
				block = append(block, line)
			}
			inBlock = inBlock != fence
			continue
		}
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "# ") && title == "":
			flush()
			title = strings.TrimSpace(trimmed[2:])
		case strings.HasPrefix(trimmed, "### "):
			flush()
			heading = strings.TrimSpace(trimmed[4:])
			out.WriteString(`<h3 class="govuk-heading-m">` + inline(heading) + "</h3>\n")
		case strings.HasPrefix(trimmed, "## "), strings.HasPrefix(trimmed, "# "):
			flush()
			heading = strings.TrimSpace(strings.TrimLeft(trimmed, "#"))
			out.WriteString(`<h2 class="govuk-heading-l">` + inline(heading) + "</h2>\n")
		case strings.HasPrefix(trimmed, "|"):
			flushPara()
			flushList()
			cells := strings.Split(strings.Trim(trimmed, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			if strings.Trim(strings.Join(cells, ""), "-: ") == "" {
				continue // the line under the header
			}
			table = append(table, cells)
		case strings.HasPrefix(trimmed, "- "), strings.HasPrefix(trimmed, "* "):
			openList("ul", "govuk-list--bullet")
			out.WriteString("<li>" + inline(trimmed[2:]) + "</li>\n")
		case numberItem.MatchString(trimmed):
			openList("ol", "govuk-list--number")
			out.WriteString("<li>" + inline(numberItem.ReplaceAllString(trimmed, "")) + "</li>\n")
		default:
			flushList()
			flushTable()
			para = append(para, trimmed)
		}
	}
	flush()
	if title == "" {
		title = "How the forecast is made"
	}
	return title, template.HTML(out.String())
}
