package web

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/present/sheet"
)

// decisionExportRoutes are the register's exports and its yearly report.
func (s *Server) decisionExportRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /decisions.csv", s.exportDecisions(csvFile(0)))
	mux.HandleFunc("GET /decisions/acknowledgements.csv", s.exportDecisions(csvFile(1)))
	mux.HandleFunc("GET /decisions.xlsx", s.exportDecisions(xlsxFile))
	mux.HandleFunc("GET /decisions/report", s.decisionReportPage)
	mux.HandleFunc("GET /api/decisions/report", s.apiDecisionReport)
	mux.HandleFunc("GET /decisions/report.xlsx", s.decisionReportFile(xlsxFile))
	mux.HandleFunc("GET /decisions/report.csv", s.decisionReportFile(func(tables []app.Table) (download, error) {
		return csvFile(0)([]app.Table{app.LongTable(tables)})
	}))
}

// download is a file as a response sends it.
type download struct {
	ext, contentType string
	body             []byte
}

// csvFile writes the tables' table i as CSV.
func csvFile(i int) func([]app.Table) (download, error) {
	return func(tables []app.Table) (download, error) {
		var b bytes.Buffer
		err := app.WriteCSV(&b, tables[i])
		return download{ext: ".csv", contentType: "text/csv; charset=utf-8", body: b.Bytes()}, err
	}
}

// xlsxFile writes the tables as a workbook, a sheet each.
func xlsxFile(tables []app.Table) (download, error) {
	var b bytes.Buffer
	err := app.WriteXLSX(&b, tables...)
	return download{ext: ".xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: b.Bytes()}, err
}

// send answers with the file, to be saved as name plus its ending.
func (s *Server) send(w http.ResponseWriter, name string, file download, err error) {
	if err != nil {
		s.Log.Error("writing a file of the decision register", "file", name+file.ext, "err", err)
		s.problem(w, http.StatusInternalServerError, "Sorry, there is a problem", "The file could not be written.")
		return
	}
	w.Header().Set("Content-Type", file.contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+file.ext+`"`)
	w.Write(file.body)
}

// exportDecisions answers the register as the page's filters keep it, in
// the file the write makes; each export is audited with its filter.
func (s *Server) exportDecisions(write func([]app.Table) (download, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		reg, who, ok := s.register(w, r, false)
		if !ok {
			return
		}
		f, err := filterOf(r)
		if err != nil {
			s.problem(w, http.StatusBadRequest, "The register could not be exported", err.Error())
			return
		}
		ex, err := reg.Export(r.Context(), who, clientAddress(r), f, s.holdings())
		if err != nil {
			s.decisionRefused(w, r, false, err)
			return
		}
		file, err := write(ex.Tables())
		s.send(w, "decision-register", file, err)
	}
}

// reportAsked is the yearly report the query asks for (year=2025/26, or
// from= and to=; the last financial year ended by default), for the
// actor, and the period as asked; ok is false when the answer has been
// given. A period that cannot be read is refused, or with fallback the
// default year is reported and problem says what was wrong.
func (s *Server) reportAsked(w http.ResponseWriter, r *http.Request, asJSON, fallback bool) (rep app.YearReport, asked [3]string, problem string, ok bool) {
	reg, who, ok := s.register(w, r, asJSON)
	if !ok {
		return rep, asked, "", false
	}
	q := r.URL.Query()
	asked = [3]string{q.Get("year"), q.Get("from"), q.Get("to")}
	if asked == [3]string{} {
		asked[0] = app.DefaultReportYear(calendar.DateOf(time.Now()))
	}
	p, err := app.ParseReportPeriod(asked[0], asked[1], asked[2])
	switch {
	case err != nil && !fallback:
		s.refuse(w, asJSON, http.StatusBadRequest, "The report could not be written", err.Error(), err.Error())
		return rep, asked, "", false
	case err != nil:
		problem, asked = err.Error(), [3]string{app.DefaultReportYear(calendar.DateOf(time.Now()))}
		p, _ = app.ParseReportPeriod(asked[0], "", "")
	}
	rep, err = reg.Report(r.Context(), who, clientAddress(r), p, s.holdings())
	if err != nil {
		s.decisionRefused(w, r, asJSON, err)
		return rep, asked, "", false
	}
	return rep, asked, problem, true
}

// reportView is the yearly report's page.
type reportView struct {
	Report         app.YearReport
	Tables         []pageTable // as the downloads hold them, in words
	Year, From, To string      // the period as asked, for the form and the downloads' links
	Problem        string
}

// decisionReportPage shows the yearly report.
func (s *Server) decisionReportPage(w http.ResponseWriter, r *http.Request) {
	rep, asked, problem, ok := s.reportAsked(w, r, false, true)
	if !ok {
		return
	}
	status := http.StatusOK
	if problem != "" {
		status = http.StatusBadRequest
	}
	v := reportView{Report: rep, Tables: pageTables(rep.Tables()), Year: asked[0], From: asked[1], To: asked[2], Problem: problem}
	crumbs := []crumb{{Text: "Decision register", Href: "/decisions"}}
	s.render(w, status, "decisionsreport.html", page{Title: "Decisions affecting shared cohorts: yearly report", Nav: "decisions",
		Crumbs: crumbs, JSON: "/api/decisions/report?" + r.URL.RawQuery, Content: v})
}

// apiDecisionReport answers the yearly report as JSON.
func (s *Server) apiDecisionReport(w http.ResponseWriter, r *http.Request) {
	rep, _, _, ok := s.reportAsked(w, r, true, false)
	if !ok {
		return
	}
	s.writeJSON(w, http.StatusOK, rep.JSON())
}

// decisionReportFile answers the yearly report as a file.
func (s *Server) decisionReportFile(write func([]app.Table) (download, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rep, _, _, ok := s.reportAsked(w, r, false, false)
		if !ok {
			return
		}
		file, err := write(rep.Tables())
		s.send(w, "decisions-yearly-report", file, err)
	}
}

// pageTable is a table of the report as the page shows it.
type pageTable struct {
	ID, Name string
	Headings []string
	Number   []bool // the column holds counts, set to the right
	Rows     [][]string
}

// pageTables are the report's tables in words: dates as 1 April 2025,
// nothing for an empty cell.
func pageTables(tables []app.Table) []pageTable {
	out := make([]pageTable, len(tables))
	for i, t := range tables {
		pt := pageTable{ID: "report-" + strings.ReplaceAll(strings.ToLower(t.Name), " ", "-"), Name: t.Name}
		for _, c := range t.Columns {
			pt.Headings = append(pt.Headings, c.Heading)
			pt.Number = append(pt.Number, c.Format == sheet.Count)
		}
		for _, row := range t.Rows {
			cells := make([]string, len(row))
			for j, v := range row {
				cells[j] = app.Words(v)
			}
			pt.Rows = append(pt.Rows, cells)
		}
		out[i] = pt
	}
	return out
}
