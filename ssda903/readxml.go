package ssda903

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// The XML layout, EXPSSDA903, nests one CHILD per child:
//
//	EXPSSDA903
//	  CHILD
//	    HEADER: CHILDID UPN SEX DOB ETHNIC UASC DUC, the AD1 fields, the OC3
//	            fields, AMISSING*, AREVIEW*, MOTHER MC_DOB, PERMANENCE, OC2,
//	            AD_PLACED*
//	    EPISODE*: DECOM RNE LS CIN PL PL_POST HOME_POST URN PLACE_PROVIDER
//	              DEC REC REASON_PLACE_CHANGE
//
// The published layout predates social-worker episodes (2023/24) and
// deprivation of liberty orders (2026/27). Village reads and writes them as
// CHILD/SW_EPISODE (SW_ID SW_DECOM SW_DEC SW_REASON) and CHILD/DOLO
// (DOLO_START DOLO_END), named after their CSV columns; this extension is
// Village's own until the DfE's schema for them is known.

// xmlNode is one element with its text and children, and where it began.
type xmlNode struct {
	name     string
	text     string
	line     int
	column   int
	children []*xmlNode
}

// child returns the first child element with the given name.
func (n *xmlNode) child(name string) *xmlNode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// xmlGroup maps a repeated or optional element to the table its fields
// make, and the element names of that table's columns (after CHILD, DOB
// and, for UASC, SEX, which come from HEADER).
type xmlGroup struct {
	table  TableName
	fields map[string]string // element name → column name
}

func fieldsOf(names ...string) map[string]string {
	m := map[string]string{}
	for _, n := range names {
		m[n] = n
	}
	return m
}

var (
	headerFields = fieldsOf("UPN", "SEX", "DOB", "ETHNIC", "UASC", "DUC", "MOTHER", "MC_DOB",
		"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
		"IN_TOUCH", "ACTIV", "ACCOM", "CHILDID")
	ad1Fields    = []string{"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}
	oc3Fields    = []string{"IN_TOUCH", "ACTIV", "ACCOM"}
	headerGroups = map[string]xmlGroup{
		"AMISSING":   {Missing, fieldsOf("MISSING", "MIS_START", "MIS_END")},
		"AREVIEW":    {Reviews, fieldsOf("REVIEW", "REVIEW_CODE")},
		"PERMANENCE": {PrevPerm, fieldsOf("PREV_PERM", "LA_PERM", "DATE_PERM")},
		"OC2": {OC2, fieldsOf("SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
			"TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")},
		"AD_PLACED": {PlacedAdoption, fieldsOf("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")},
	}
	childGroups = map[string]xmlGroup{
		"EPISODE": {Episodes, map[string]string{"DECOM": "DECOM", "RNE": "RNE", "LS": "LS", "CIN": "CIN",
			"PL": "PLACE", "PL_POST": "PL_POST", "HOME_POST": "HOME_POST", "URN": "URN",
			"PLACE_PROVIDER": "PLACE_PROVIDER", "DEC": "DEC", "REC": "REC", "REASON_PLACE_CHANGE": "REASON_PLACE_CHANGE"}},
		"SW_EPISODE": {SWEpisodes, fieldsOf("SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON")},
		"DOLO":       {DoLo, fieldsOf("DOLO_START", "DOLO_END")},
	}
)

// xmlReader builds tables from an EXPSSDA903 document.
type xmlReader struct {
	file     string
	tables   map[TableName]*Table
	problems Problems
	warned   map[string]bool   // unknown element names already reported
	checked  map[*xmlNode]bool // header values whose form was checked once
}

// ReadXML reads every table from an XML file in the EXPSSDA903 layout.
// Every table is in the result, empty when the file has none of its rows
// (ReadDir then drops tables that the collection year does not have).
// Problems and the error are as for ReadCSV.
func ReadXML(file string, r io.Reader) (map[TableName]*Table, Problems, error) {
	x := &xmlReader{file: file, tables: map[TableName]*Table{}, warned: map[string]bool{}, checked: map[*xmlNode]bool{}}
	for _, s := range Schemas {
		x.tables[s.Name] = &Table{Schema: s, File: file}
	}
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charsetReader
	if err := x.read(dec); err != nil {
		return nil, nil, err
	}
	return x.tables, x.problems, nil
}

func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(input), nil
	case "iso-8859-1", "latin1", "latin-1":
		return charmap.ISO8859_1.NewDecoder().Reader(input), nil
	}
	return nil, fmt.Errorf("unsupported character encoding %q", label)
}

func (x *xmlReader) fatal(dec *xml.Decoder, err error) error {
	line, col := dec.InputPos()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line, col = se.Line, 0
	}
	return Problems{{Severity: Fatal, File: x.file, Line: line, Column: col,
		Message: "malformed XML: " + err.Error(), Expected: "well-formed XML in the EXPSSDA903 layout"}}
}

func (x *xmlReader) read(dec *xml.Decoder) error {
	root := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !root {
				return Problems{{Severity: Fatal, File: x.file, Message: "no root element", Expected: "an EXPSSDA903 element"}}
			}
			return nil
		}
		if err != nil {
			return x.fatal(dec, err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		line, col := dec.InputPos()
		if !root {
			if start.Name.Local != "EXPSSDA903" {
				return Problems{{Severity: Fatal, File: x.file, Line: line, Column: col, Value: start.Name.Local,
					Message: "is not an SSDA903 return", Expected: "the root element EXPSSDA903"}}
			}
			root = true
			continue
		}
		node, err := x.element(dec, start, line, col)
		if err != nil {
			return err
		}
		if node.name != "CHILD" {
			x.unknown(node, "EXPSSDA903")
			continue
		}
		x.addChild(node)
	}
}

// element reads the rest of an element whose start tag has been read.
func (x *xmlReader) element(dec *xml.Decoder, start xml.StartElement, line, col int) (*xmlNode, error) {
	n := &xmlNode{name: start.Name.Local, line: line, column: col}
	var text bytes.Buffer
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, x.fatal(dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			l, c := dec.InputPos()
			kid, err := x.element(dec, t, l, c)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, kid)
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(n.children) == 0 {
				n.text = strings.TrimSpace(text.String())
			}
			return n, nil
		}
	}
}

func (x *xmlReader) unknown(n *xmlNode, parent string) {
	key := parent + "/" + n.name
	if x.warned[key] {
		return
	}
	x.warned[key] = true
	x.problems = append(x.problems, &Problem{Severity: Warning, File: x.file, Line: n.line, Column: n.column,
		Value: n.name, Message: "unknown element inside " + parent + " ignored (reported once)"})
}

// addChild turns one CHILD element into rows of every table it feeds.
func (x *xmlReader) addChild(c *xmlNode) {
	h := c.child("HEADER")
	if h == nil {
		x.problems = append(x.problems, &Problem{Severity: Invalid, File: x.file, Line: c.line, Column: c.column,
			Field: "CHILD", Message: "has no HEADER element", Expected: "a HEADER with the child's CHILDID"})
		h = &xmlNode{name: "HEADER", line: c.line}
	}
	hv := map[string]*xmlNode{}
	for _, f := range h.children {
		if _, ok := headerFields[f.name]; ok {
			hv[f.name] = f
			continue
		}
		if g, ok := headerGroups[f.name]; ok {
			x.addGroupRow(g, f, hv)
			continue
		}
		x.unknown(f, "HEADER")
	}
	x.addRow(Header, h.line, hv, nil)
	if text(hv["UASC"]) == "1" || text(hv["DUC"]) != "" {
		x.addRow(UASC, h.line, hv, nil)
	}
	if anyPresent(hv, ad1Fields) {
		x.addRow(AD1, h.line, hv, nil)
	}
	if anyPresent(hv, oc3Fields) {
		x.addRow(OC3, h.line, hv, nil)
	}
	for _, f := range c.children {
		if f.name == "HEADER" {
			continue
		}
		if g, ok := childGroups[f.name]; ok {
			x.addGroupRow(g, f, hv)
			continue
		}
		x.unknown(f, "CHILD")
	}
}

func text(n *xmlNode) string {
	if n == nil {
		return ""
	}
	return n.text
}

func anyPresent(hv map[string]*xmlNode, names []string) bool {
	for _, n := range names {
		if hv[n] != nil {
			return true
		}
	}
	return false
}

// addGroupRow adds the row that one group element (EPISODE, AREVIEW, ...)
// makes, with the header's CHILD and DOB.
func (x *xmlReader) addGroupRow(g xmlGroup, n *xmlNode, hv map[string]*xmlNode) {
	own := map[string]*xmlNode{}
	for _, f := range n.children {
		column, ok := g.fields[f.name]
		if !ok {
			x.unknown(f, n.name)
			continue
		}
		own[column] = f
	}
	x.addRow(g.table, n.line, hv, own)
}

// addRow adds a row to table, taking each column from own when present and
// otherwise from the header's values, and checks each value's form.
func (x *xmlReader) addRow(name TableName, line int, header, own map[string]*xmlNode) {
	t := x.tables[name]
	if t == nil {
		t = &Table{Schema: SchemaOf(name), File: x.file}
		x.tables[name] = t
	}
	values := make([]string, len(t.Schema.Columns))
	for i, c := range t.Schema.Columns {
		n := own[c.Name]
		if n == nil {
			element := c.Name
			if element == "CHILD" {
				element = "CHILDID"
			}
			n = header[element]
		}
		if n == nil {
			continue
		}
		values[i] = n.text
		if n.text != "" && !x.checked[n] {
			x.checked[n] = true
			if expected := formatError(c.Kind, n.text); expected != "" {
				x.problems = append(x.problems, &Problem{Severity: Invalid, File: x.file, Line: n.line, Column: n.column,
					Field: c.Name, Value: n.text, Expected: expected})
			}
		}
	}
	t.Rows = append(t.Rows, Row{Line: line, Values: values})
}
