package ssda903

import (
	"io"

	"github.com/village-uk/village/returns"
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
//
// ReadXML reads the file with the shared scanner (returns.ScanXML) and maps
// each CHILD onto rows of the tables.

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
	headerFields = []string{"UPN", "SEX", "DOB", "ETHNIC", "UASC", "DUC", "MOTHER", "MC_DOB",
		"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
		"IN_TOUCH", "ACTIV", "ACCOM", "CHILDID"}
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

// rowPlan says where each column of a table's rows comes from: an element
// of the group that makes the row (col), else a HEADER field (hdr).
type rowPlan struct {
	table int    // index in Schemas
	name  string // the group element's name, for warnings
	col   []int8 // element → column it fills, or -1
	hdr   []returns.ElementID
}

// The layout, its element numbers and the plans derived from the maps
// above, built once.
var (
	xmlLayout     *returns.XMLLayout
	idHEADER      returns.ElementID
	idCHILD       returns.ElementID
	idUASC        returns.ElementID
	idDUC         returns.ElementID
	isHeaderField []bool
	ad1IDs        []returns.ElementID
	oc3IDs        []returns.ElementID
	headerGroupOf []*rowPlan // element → the header group it is, or nil
	childGroupOf  []*rowPlan // element → the CHILD group it is, or nil
	headerPlans   [4]*rowPlan
)

func init() {
	names := append([]string{"CHILD", "HEADER"}, headerFields...)
	for _, groups := range []map[string]xmlGroup{headerGroups, childGroups} {
		for name, g := range groups {
			names = append(names, name)
			for f := range g.fields {
				names = append(names, f)
			}
		}
	}
	elements := returns.NewElementNames(names...)
	xmlLayout = &returns.XMLLayout{Return: "SSDA903", Root: "EXPSSDA903", Names: elements}
	idCHILD, idHEADER = elements.ID("CHILD"), elements.ID("HEADER")
	idUASC, idDUC = elements.ID("UASC"), elements.ID("DUC")
	n := elements.Len()
	isHeaderField = make([]bool, n)
	for _, f := range headerFields {
		isHeaderField[elements.ID(f)] = true
	}
	for _, f := range ad1Fields {
		ad1IDs = append(ad1IDs, elements.ID(f))
	}
	for _, f := range oc3Fields {
		oc3IDs = append(oc3IDs, elements.ID(f))
	}
	plan := func(table TableName, name string, fields map[string]string) *rowPlan {
		p := &rowPlan{name: name, col: make([]int8, n)}
		for i, s := range Schemas {
			if s.Name == table {
				p.table = i
			}
		}
		s := Schemas[p.table]
		for i := range p.col {
			p.col[i] = -1
		}
		for element, column := range fields {
			p.col[elements.ID(element)] = int8(s.Index(column))
		}
		p.hdr = make([]returns.ElementID, len(s.Columns))
		for i, c := range s.Columns {
			element := c.Name
			if element == "CHILD" {
				element = "CHILDID"
			}
			if e := elements.ID(element); isHeaderField[e] {
				p.hdr[i] = e
			}
		}
		return p
	}
	headerGroupOf = make([]*rowPlan, n)
	childGroupOf = make([]*rowPlan, n)
	for name, g := range headerGroups {
		headerGroupOf[elements.ID(name)] = plan(g.table, name, g.fields)
	}
	for name, g := range childGroups {
		childGroupOf[elements.ID(name)] = plan(g.table, name, g.fields)
	}
	for i, t := range []TableName{Header, UASC, AD1, OC3} {
		headerPlans[i] = plan(t, "", nil)
	}
}

// ReadXML reads every table from an XML file in the EXPSSDA903 layout.
// Every table is in the result, empty when the file has none of its rows
// (ReadDir then drops tables that the collection year does not have).
// Problems and the error are as for ReadCSV.
//
// The text may be UTF-8 (with or without a byte-order mark), UTF-16 with a
// byte-order mark, or Windows-1252 or ISO-8859-1 when the XML declaration
// says so. Lines and columns in problems count the bytes of the text as
// UTF-8.
func ReadXML(file string, r io.Reader) (map[TableName]*Table, Problems, error) {
	m := &xmlMapper{tables: make(map[TableName]*Table, len(Schemas)), hv: make([]int32, len(isHeaderField))}
	for _, s := range Schemas {
		t := &Table{Schema: s, File: file}
		m.tables[s.Name] = t
		m.byIndex = append(m.byIndex, t)
	}
	m.rows = returns.NewRowGatherer(m.byIndex)
	problems, err := returns.ScanXML(file, r, xmlLayout, m.addChild)
	if err != nil {
		return nil, nil, err
	}
	m.rows.Join()
	return m.tables, problems, nil
}

// xmlMapper turns each CHILD of an EXPSSDA903 document into rows.
type xmlMapper struct {
	tables  map[TableName]*Table
	byIndex []*Table // the tables in Schemas order
	rows    *returns.RowGatherer
	rec     *returns.XMLRecord // the CHILD being mapped
	hv      []int32            // HEADER field → its element, or -1
	own     []int32            // column → the group's element for it, or -1
}

// addChild turns the record, if it is a CHILD, into rows of every table it
// feeds.
func (m *xmlMapper) addChild(rec *returns.XMLRecord) {
	m.rec = rec
	nodes := rec.Elements
	if nodes[0].ID != idCHILD {
		rec.Unknown(0, "EXPSSDA903")
		return
	}
	for i := range m.hv {
		m.hv[i] = -1
	}
	c := &nodes[0]
	h := int32(-1)
	for k := c.First; k >= 0; k = nodes[k].Next {
		if nodes[k].ID == idHEADER {
			h = k
			break
		}
	}
	line := int(c.Line)
	if h < 0 {
		rec.Report(0, &Problem{Severity: Invalid, Field: "CHILD", Message: "has no HEADER element",
			Expected: "a HEADER with the child's CHILDID"})
	} else {
		line = int(nodes[h].Line)
		for k := nodes[h].First; k >= 0; k = nodes[k].Next {
			id := nodes[k].ID
			switch {
			case isHeaderField[id]:
				m.hv[id] = k
			case headerGroupOf[id] != nil:
				m.addGroupRow(headerGroupOf[id], k)
			default:
				rec.Unknown(k, "HEADER")
			}
		}
	}
	m.addRow(headerPlans[0], line, nil)
	if m.headerText(idUASC) == "1" || m.headerText(idDUC) != "" {
		m.addRow(headerPlans[1], line, nil)
	}
	if m.anyPresent(ad1IDs) {
		m.addRow(headerPlans[2], line, nil)
	}
	if m.anyPresent(oc3IDs) {
		m.addRow(headerPlans[3], line, nil)
	}
	for k := c.First; k >= 0; k = nodes[k].Next {
		id := nodes[k].ID
		if id == idHEADER {
			continue
		}
		if g := childGroupOf[id]; g != nil {
			m.addGroupRow(g, k)
			continue
		}
		rec.Unknown(k, "CHILD")
	}
}

func (m *xmlMapper) headerText(id returns.ElementID) string {
	if k := m.hv[id]; k >= 0 {
		return m.rec.Text(k)
	}
	return ""
}

func (m *xmlMapper) anyPresent(ids []returns.ElementID) bool {
	for _, id := range ids {
		if m.hv[id] >= 0 {
			return true
		}
	}
	return false
}

// addGroupRow adds the row that the group element (EPISODE, AREVIEW, ...)
// at element k makes, with the header's CHILD and DOB.
func (m *xmlMapper) addGroupRow(g *rowPlan, k int32) {
	nodes := m.rec.Elements
	own := m.own[:0]
	for range g.hdr {
		own = append(own, -1)
	}
	m.own = own
	for f := nodes[k].First; f >= 0; f = nodes[f].Next {
		c := g.col[nodes[f].ID]
		if c < 0 {
			m.rec.Unknown(f, g.name)
			continue
		}
		own[c] = f
	}
	m.addRow(g, int(nodes[k].Line), own)
}

// addRow adds a row to the plan's table, taking each column from own when
// present and otherwise from the header's values, and checks each value's
// form once.
func (m *xmlMapper) addRow(p *rowPlan, line int, own []int32) {
	columns := m.byIndex[p.table].Schema.Columns
	values := m.rows.Values(len(columns))
	nodes := m.rec.Elements
	for i, c := range columns {
		k := int32(-1)
		if own != nil {
			k = own[i]
		}
		if k < 0 && p.hdr[i] != 0 {
			k = m.hv[p.hdr[i]]
		}
		if k < 0 {
			continue
		}
		v := m.rec.Text(k)
		if v == "" {
			continue
		}
		values[i] = v
		if n := &nodes[k]; !n.Checked {
			n.Checked = true
			if expected := c.Kind.Check(v); expected != "" {
				m.rec.Report(k, &Problem{Severity: Invalid, Field: c.Name, Value: v, Expected: expected})
			}
		}
	}
	m.rows.Add(p.table, Row{Line: line, Values: values})
}
