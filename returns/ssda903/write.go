package ssda903

import (
	"bufio"
	"encoding/xml"
	"io"

	"github.com/village-uk/village/returns"
)

// WriteCSV writes one table as CSV with the DfE's column headers.
func WriteCSV(w io.Writer, t *Table) error { return returns.WriteCSV(w, t) }

// WriteXML writes the return in the EXPSSDA903 layout: one CHILD element
// per Header row, holding its HEADER (with UASC, AD1, OC3, missing, review,
// permanence, OC2 and placed-for-adoption data nested as the layout
// places them) and its EPISODE elements. Social-worker episodes and
// deprivation of liberty orders, which the published layout predates, are
// written as SW_EPISODE and DOLO elements of CHILD (see xml.go).
func WriteXML(w io.Writer, r *Return) error {
	x := &xmlWriter{w: bufio.NewWriterSize(w, 1<<16)}
	x.raw(xml.Header + "<EXPSSDA903>\n")
	byChild := indexByChild(r)
	header := r.Table(Header)
	for i := 0; i < header.Len(); i++ {
		child := header.Rows[i].Values[0]
		x.writeChild(header, i, byChild[child])
	}
	x.raw("</EXPSSDA903>\n")
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

// childRows are one child's rows in every table but Header.
type childRows map[TableName][]Row

func indexByChild(r *Return) map[string]childRows {
	out := map[string]childRows{}
	for name, t := range r.Tables {
		if name == Header {
			continue
		}
		for _, row := range t.Rows {
			id := row.Values[0]
			if out[id] == nil {
				out[id] = childRows{}
			}
			out[id][name] = append(out[id][name], row)
		}
	}
	return out
}

type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// element writes <tag>value</tag>; blank values are written as empty
// elements only when keepBlank is set, as the layout makes some elements
// required even when empty.
func (x *xmlWriter) element(indent, tag, value string, keepBlank bool) {
	if value == "" && !keepBlank {
		return
	}
	x.raw(indent + "<" + tag + ">")
	if x.err == nil {
		x.err = xml.EscapeText(x.w, []byte(value))
	}
	x.raw("</" + tag + ">\n")
}

// fields writes the named columns of row as elements.
func (x *xmlWriter) fields(indent string, s *Schema, row Row, keepBlank bool, columns ...string) {
	for _, c := range columns {
		tag := c
		if tag == "CHILD" {
			tag = "CHILDID"
		}
		if tag == "PLACE" {
			tag = "PL"
		}
		x.element(indent, tag, row.Values[s.Index(c)], keepBlank)
	}
}

func (x *xmlWriter) writeChild(header *Table, i int, rows childRows) {
	const in1, in2, in3, in4 = "  ", "    ", "      ", "        "
	h := header.Rows[i]
	hs := header.Schema
	x.raw(in1 + "<CHILD>\n" + in2 + "<HEADER>\n")
	x.fields(in3, hs, h, true, "CHILD", "UPN", "SEX", "DOB", "ETHNIC")
	uasc := h.Values[hs.Index("UASC")]
	if uasc == "" && len(rows[UASC]) > 0 {
		uasc = "1"
	} else if uasc == "" {
		uasc = "0"
	}
	x.element(in3, "UASC", uasc, true)
	for _, u := range rows[UASC] {
		x.fields(in3, SchemaOf(UASC), u, false, "DUC")
	}
	for _, a := range rows[AD1] {
		x.fields(in3, SchemaOf(AD1), a, true, "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
	}
	for _, o := range rows[OC3] {
		x.fields(in3, SchemaOf(OC3), o, true, "IN_TOUCH", "ACTIV", "ACCOM")
	}
	for _, m := range rows[Missing] {
		x.raw(in3 + "<AMISSING>\n")
		x.fields(in4, SchemaOf(Missing), m, false, "MISSING", "MIS_START", "MIS_END")
		x.raw(in3 + "</AMISSING>\n")
	}
	for _, rv := range rows[Reviews] {
		x.raw(in3 + "<AREVIEW>\n")
		x.fields(in4, SchemaOf(Reviews), rv, false, "REVIEW", "REVIEW_CODE")
		x.raw(in3 + "</AREVIEW>\n")
	}
	x.fields(in3, hs, h, false, "MOTHER", "MC_DOB")
	for _, p := range rows[PrevPerm] {
		x.raw(in3 + "<PERMANENCE>\n")
		x.fields(in4, SchemaOf(PrevPerm), p, false, "PREV_PERM", "LA_PERM", "DATE_PERM")
		x.raw(in3 + "</PERMANENCE>\n")
	}
	for _, o := range rows[OC2] {
		x.raw(in3 + "<OC2>\n")
		x.fields(in4, SchemaOf(OC2), o, false, SchemaOf(OC2).ColumnNames()[2:]...)
		x.raw(in3 + "</OC2>\n")
	}
	for _, p := range rows[PlacedAdoption] {
		x.raw(in3 + "<AD_PLACED>\n")
		x.fields(in4, SchemaOf(PlacedAdoption), p, false, "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")
		x.raw(in3 + "</AD_PLACED>\n")
	}
	x.raw(in2 + "</HEADER>\n")
	es := SchemaOf(Episodes)
	for _, e := range rows[Episodes] {
		x.raw(in2 + "<EPISODE>\n")
		x.fields(in3, es, e, false, "DECOM", "RNE", "LS", "CIN", "PLACE", "PL_POST", "HOME_POST", "URN", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE")
		x.raw(in2 + "</EPISODE>\n")
	}
	for _, s := range rows[SWEpisodes] {
		x.raw(in2 + "<SW_EPISODE>\n")
		x.fields(in3, SchemaOf(SWEpisodes), s, false, "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON")
		x.raw(in2 + "</SW_EPISODE>\n")
	}
	for _, d := range rows[DoLo] {
		x.raw(in2 + "<DOLO>\n")
		x.fields(in3, SchemaOf(DoLo), d, false, "DOLO_START", "DOLO_END")
		x.raw(in2 + "</DOLO>\n")
	}
	x.raw(in1 + "</CHILD>\n")
}
