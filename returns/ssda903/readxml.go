package ssda903

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
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
// A national return is tens of megabytes, so ReadXML does not use
// encoding/xml, which allocates for every token: it scans the file's bytes
// itself, with no more than it needs of the layout. It checks that the
// document is well-formed XML 1.0, except that it skips a DOCTYPE's internal
// subset unread, does not check that attribute names are unique or that
// namespace prefixes are declared (an element is known by its local name,
// "p:CHILD" being CHILD), and allows white space before the XML
// declaration. It knows only the five predefined entities.

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

// elemID numbers the element names the layout knows; 0 is any other name.
type elemID uint8

// rowPlan says where each column of a table's rows comes from: an element
// of the group that makes the row (col), else a HEADER field (hdr).
type rowPlan struct {
	table int    // index in Schemas
	name  string // the group element's name, for warnings
	col   []int8 // element → column it fills, or -1
	hdr   []elemID
}

// The element names, their numbers and the plans derived from the maps
// above, built once.
var (
	elemIDs       = map[string]elemID{}
	idHEADER      elemID
	idCHILD       elemID
	idUASC        elemID
	idDUC         elemID
	isHeaderField []bool
	ad1IDs        []elemID
	oc3IDs        []elemID
	headerGroupOf []*rowPlan // element → the header group it is, or nil
	childGroupOf  []*rowPlan // element → the CHILD group it is, or nil
	headerPlans   [4]*rowPlan
)

func init() {
	id := func(name string) elemID {
		if n, ok := elemIDs[name]; ok {
			return n
		}
		if len(elemIDs) >= 250 {
			panic("ssda903: too many XML element names")
		}
		elemIDs[name] = elemID(len(elemIDs) + 1)
		return elemIDs[name]
	}
	idCHILD, idHEADER = id("CHILD"), id("HEADER")
	for _, f := range headerFields {
		id(f)
	}
	idUASC, idDUC = id("UASC"), id("DUC")
	for _, groups := range []map[string]xmlGroup{headerGroups, childGroups} {
		for name, g := range groups {
			id(name)
			for f := range g.fields {
				id(f)
			}
		}
	}
	for name, id := range elemIDs {
		h := elementHash([]byte(name))
		for elementTable[h].id != 0 {
			h = (h + 1) & (len(elementTable) - 1)
		}
		elementTable[h].name, elementTable[h].id = name, id
	}
	n := len(elemIDs) + 1
	isHeaderField = make([]bool, n)
	for _, f := range headerFields {
		isHeaderField[elemIDs[f]] = true
	}
	for _, f := range ad1Fields {
		ad1IDs = append(ad1IDs, elemIDs[f])
	}
	for _, f := range oc3Fields {
		oc3IDs = append(oc3IDs, elemIDs[f])
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
			p.col[elemIDs[element]] = int8(s.Index(column))
		}
		p.hdr = make([]elemID, len(s.Columns))
		for i, c := range s.Columns {
			element := c.Name
			if element == "CHILD" {
				element = "CHILDID"
			}
			if e := elemIDs[element]; isHeaderField[e] {
				p.hdr[i] = e
			}
		}
		return p
	}
	headerGroupOf = make([]*rowPlan, n)
	childGroupOf = make([]*rowPlan, n)
	for name, g := range headerGroups {
		headerGroupOf[elemIDs[name]] = plan(g.table, name, g.fields)
	}
	for name, g := range childGroups {
		childGroupOf[elemIDs[name]] = plan(g.table, name, g.fields)
	}
	for i, t := range []TableName{Header, UASC, AD1, OC3} {
		headerPlans[i] = plan(t, "", nil)
	}
}

// elementTable is an open-addressing hash table of the names in elemIDs,
// which lookupElement reads without hashing the whole name.
var elementTable [512]struct {
	name string
	id   elemID
}

func elementHash(b []byte) int {
	n := len(b)
	return (n*131 + int(b[0])*31 + int(b[n/2])*7 + int(b[n-1])) & (len(elementTable) - 1)
}

// lookupElement returns the number of the element name b, or 0.
func lookupElement(b []byte) elemID {
	for h := elementHash(b); ; h = (h + 1) & (len(elementTable) - 1) {
		e := &elementTable[h]
		if e.id == 0 || e.name == string(b) {
			return e.id
		}
	}
}

// xnode is one element inside a top-level element of EXPSSDA903 (a CHILD),
// with its place in the tree and its text. The elements of one CHILD are
// kept in a slice that is reused for the next.
//
// Nodes hold no pointers, so that building them costs the garbage collector
// nothing: names are offsets in xmlReader.data and texts offsets in
// xmlReader.text (and, once the CHILD is complete, in xmlReader.values).
type xnode struct {
	first, last int32 // first and last child elements, or -1
	next        int32 // next sibling, or -1
	ns, ne      int32 // local name: data[ns:ne]
	ts, te      int32 // trimmed text: text[ts:te]
	line        int32 // where its start tag ends, as encoding/xml reported it
	column      int32
	id          elemID
	kids        bool // has child elements, and so no text
	checked     bool // its text's form has been checked
}

// openElement is an element whose end tag has not been read.
type openElement struct {
	ns, ne int32 // qualified name as written: data[ns:ne]
	node   int32 // its xnode, or -1 for the root
	line   int32 // where its start tag begins
}

// xmlReader scans an EXPSSDA903 document and builds tables from it.
type xmlReader struct {
	file     string
	tables   map[TableName]*Table
	byIndex  []*Table // the tables in Schemas order
	problems Problems
	warned   map[string]bool // parent/name of unknown elements already reported

	data      []byte // the document as UTF-8
	pos       int    // next byte to scan
	line      int    // line of data[pos]
	lineStart int    // offset of the first byte of that line

	root       bool // the root element has begun
	rootClosed bool // and ended
	textBefore int  // offset of text before the root element, or -1

	stack  []openElement
	nodes  []xnode   // the current top-level element and its descendants
	text   []byte    // their leaf texts, trimmed, back to back
	values string    // text as a string, once the CHILD is complete
	slab   []string  // row values are cut from here
	rows   [][][]Row // for each table, its rows in chunks, joined at the end
	hv     []int32   // HEADER field → its node, or -1
	own    []int32   // column → the group's node for it, or -1
	keyBuf []byte
	colons int // set by nameEnd
	colon  int
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
	raw, err := readAll(r)
	if err != nil {
		return nil, nil, Problems{{Severity: Fatal, File: file, Message: "cannot read: " + err.Error()}}
	}
	x := &xmlReader{file: file, tables: make(map[TableName]*Table, len(Schemas)), warned: map[string]bool{},
		hv: make([]int32, len(isHeaderField)), rows: make([][][]Row, len(Schemas))}
	for _, s := range Schemas {
		t := &Table{Schema: s, File: file}
		x.tables[s.Name] = t
		x.byIndex = append(x.byIndex, t)
	}
	start, err := x.decode(raw)
	if err != nil {
		return nil, nil, err
	}
	if len(x.data) >= math.MaxInt32 {
		// Offsets in the file are kept as int32.
		return nil, nil, Problems{{Severity: Fatal, File: file, Message: "the file is too large to read",
			Expected: "an XML file under 2 GB"}}
	}
	if err := x.parse(start); err != nil {
		return nil, nil, err
	}
	x.joinRows()
	return x.tables, x.problems, nil
}

// readAll reads r whole, sizing the buffer from the file or reader when it
// can tell its length.
func readAll(r io.Reader) ([]byte, error) {
	size := 0
	switch v := r.(type) {
	case interface{ Len() int }:
		size = v.Len()
	}
	if size <= 0 {
		return io.ReadAll(r)
	}
	var b bytes.Buffer
	b.Grow(size + bytes.MinRead)
	_, err := b.ReadFrom(r)
	return b.Bytes(), err
}

// position returns the 1-based line and byte column of offset off.
func (x *xmlReader) position(off int) (line, column int) {
	before := x.data[:off]
	return 1 + bytes.Count(before, []byte{'\n'}), off - (bytes.LastIndexByte(before, '\n') + 1) + 1
}

// malformed returns the fatal problem for a document that is not
// well-formed XML at offset off.
func (x *xmlReader) malformed(off int, format string, args ...any) error {
	line, column := x.position(off)
	return Problems{{Severity: Fatal, File: x.file, Line: line, Column: column,
		Message: "malformed XML: " + fmt.Sprintf(format, args...), Expected: "well-formed XML in the EXPSSDA903 layout"}}
}

// endOfFile is malformed for a document that ends inside something.
func (x *xmlReader) endOfFile(inside string, line int) error {
	return x.malformed(len(x.data), "the file ends inside %s, begun on line %d", inside, line)
}

// decode sets x.data to the document as UTF-8 and returns the offset at
// which its markup starts, after any byte-order mark and XML declaration.
func (x *xmlReader) decode(data []byte) (int, error) {
	start, bom := 0, ""
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(unicode.BOMOverride(dec), data)
		if err != nil {
			return 0, Problems{{Severity: Fatal, File: x.file,
				Message: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16: " + err.Error()}}
		}
		data, bom = out, "UTF-16"
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		// The mark stays in data so that columns on line 1 count it, as
		// encoding/xml's did.
		start, bom = 3, "UTF-8"
	}
	x.data = data
	encoding, end, err := x.declaration(start)
	if err != nil {
		return 0, err
	}
	unsupported := func(why string) error {
		line, column := x.position(start)
		return Problems{{Severity: Fatal, File: x.file, Line: line, Column: column, Field: "encoding", Value: encoding,
			Message:  why,
			Expected: "an XML declaration naming UTF-8, US-ASCII, windows-1252 or ISO-8859-1 (or UTF-16, with a byte-order mark)"}}
	}
	var cm *charmap.Charmap
	switch label := strings.ToLower(encoding); label {
	case "", "utf-8", "us-ascii", "ascii":
		if bom == "UTF-16" && label != "" {
			return 0, unsupported("is declared but the file starts with a UTF-16 byte-order mark")
		}
	case "utf-16", "utf-16le", "utf-16be":
		if bom != "UTF-16" {
			return 0, unsupported("is declared but the file has no UTF-16 byte-order mark")
		}
	case "windows-1252", "cp1252":
		cm = charmap.Windows1252
	case "iso-8859-1", "latin1", "latin-1":
		cm = charmap.ISO8859_1
	default:
		return 0, unsupported("is not a character encoding Village reads")
	}
	if cm != nil {
		if bom != "" {
			return 0, unsupported("is declared but the file starts with a " + bom + " byte-order mark")
		}
		// The declaration is ASCII, so its offsets do not change.
		out, _, err := transform.Bytes(cm.NewDecoder(), data)
		if err != nil {
			return 0, unsupported("is declared but the text cannot be decoded: " + err.Error())
		}
		x.data = out
		return end, nil
	}
	if !utf8.Valid(data[start:]) {
		off := start
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		line, column := x.position(off)
		return 0, Problems{{Severity: Fatal, File: x.file, Line: line, Column: column,
			Message:  fmt.Sprintf("malformed XML: byte 0x%02X is not UTF-8 and the file declares no other encoding", data[off]),
			Expected: `UTF-8 text, or an XML declaration naming the encoding, such as <?xml version="1.0" encoding="windows-1252"?>`}}
	}
	return end, nil
}

// declaration reads the XML declaration, if the document (after white
// space) starts with one, and returns the encoding it names and the offset
// after it, or start.
func (x *xmlReader) declaration(start int) (encoding string, end int, err error) {
	d := x.data
	p := start
	for p < len(d) && isSpace(d[p]) {
		p++
	}
	if !bytes.HasPrefix(d[p:], []byte("<?xml")) || p+5 < len(d) && !isSpace(d[p+5]) && d[p+5] != '?' {
		return "", start, nil
	}
	close := bytes.Index(d[p:], []byte("?>"))
	if close < 0 {
		return "", 0, x.malformed(len(d), "the file ends inside the XML declaration")
	}
	close += p
	seen := map[string]bool{}
	for q := p + 5; ; {
		s := q
		for q < close && isSpace(d[q]) {
			q++
		}
		if q == close {
			break
		}
		n := q
		for q < close && (d[q] >= 'a' && d[q] <= 'z') {
			q++
		}
		name := string(d[n:q])
		if q == s || (name != "version" && name != "encoding" && name != "standalone") || seen[name] {
			return "", 0, x.malformed(n, "unexpected %q in the XML declaration", excerpt(d[n:close]))
		}
		seen[name] = true
		for q < close && isSpace(d[q]) {
			q++
		}
		if q == close || d[q] != '=' {
			return "", 0, x.malformed(q, "%s without a value in the XML declaration", name)
		}
		for q++; q < close && isSpace(d[q]); q++ {
		}
		if q == close || (d[q] != '"' && d[q] != '\'') {
			return "", 0, x.malformed(q, "the %s in the XML declaration is not quoted", name)
		}
		v := bytes.IndexByte(d[q+1:close], d[q])
		if v < 0 {
			return "", 0, x.malformed(q, "the %s in the XML declaration is not closed", name)
		}
		value := string(d[q+1 : q+1+v])
		q += v + 2
		switch name {
		case "version":
			if value != "1.0" {
				return "", 0, x.malformed(n, "unsupported XML version %q (Village reads version 1.0)", value)
			}
		case "encoding":
			encoding = value
		}
	}
	return encoding, close + 2, nil
}

// excerpt returns the start of b, up to its first line end, to quote in a
// message.
func excerpt(b []byte) []byte {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		b = b[:i]
	}
	if len(b) > 20 {
		b = b[:20]
	}
	return b
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// textStop marks the bytes that end a run of plain character data: markup,
// references, line ends, "]" (of "]]>"), control characters, and 0xEF, which
// starts U+FFFE and U+FFFF.
var textStop = func() (t [256]bool) {
	for b := 0; b < 0x20; b++ {
		t[b] = b != '\t'
	}
	t['<'], t['&'], t[']'], t[0xEF] = true, true, true, true
	return t
}()

// nameStart and nameByte mark the ASCII bytes that may start and continue
// an XML name; all other ASCII bytes end one.
var nameStart, nameByte = func() (start, more [128]bool) {
	for b := 0; b < 128; b++ {
		start[b] = 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || b == '_' || b == ':'
		more[b] = start[b] || '0' <= b && b <= '9' || b == '-' || b == '.'
	}
	return start, more
}()

// isNameStartRune and isNameRune are XML 1.0's NameStartChar and NameChar
// for runes beyond ASCII.
func isNameStartRune(r rune) bool {
	return 0xC0 <= r && r <= 0xD6 || 0xD8 <= r && r <= 0xF6 || 0xF8 <= r && r <= 0x2FF ||
		0x370 <= r && r <= 0x37D || 0x37F <= r && r <= 0x1FFF || 0x200C <= r && r <= 0x200D ||
		0x2070 <= r && r <= 0x218F || 0x2C00 <= r && r <= 0x2FEF || 0x3001 <= r && r <= 0xD7FF ||
		0xF900 <= r && r <= 0xFDCF || 0xFDF0 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0xEFFFF
}

func isNameRune(r rune) bool {
	return isNameStartRune(r) || r == 0xB7 || 0x300 <= r && r <= 0x36F || 0x203F <= r && r <= 0x2040
}

// isChar reports whether r may appear in an XML document.
func isChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// nameEnd returns the end of the name starting at i, or i if none does.
// It sets x.colons to the number of colons in the name and x.colon to the
// offset of the last.
func (x *xmlReader) nameEnd(i int) int {
	d := x.data
	x.colons = 0
	if i >= len(d) {
		return i
	}
	if c := d[i]; c < utf8.RuneSelf {
		if !nameStart[c] {
			return i
		}
		if c == ':' {
			x.colons, x.colon = 1, i
		}
		i++
	} else {
		r, n := utf8.DecodeRune(d[i:])
		if !isNameStartRune(r) {
			return i
		}
		i += n
	}
	for i < len(d) {
		if c := d[i]; c < utf8.RuneSelf {
			if !nameByte[c] {
				break
			}
			if c == ':' {
				x.colons++
				x.colon = i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(d[i:])
		if !isNameRune(r) {
			break
		}
		i += n
	}
	return i
}

// skipSpace returns the offset of the first byte from i that is not white
// space, counting lines.
func (x *xmlReader) skipSpace(i int) int {
	d := x.data
	for ; i < len(d); i++ {
		switch d[i] {
		case '\n':
			x.line++
			x.lineStart = i + 1
		case ' ', '\t', '\r':
		default:
			return i
		}
	}
	return i
}

// skipTo moves the scan to offset to, counting the lines passed.
func (x *xmlReader) skipTo(to int) {
	passed := x.data[x.pos:to]
	if n := bytes.Count(passed, []byte{'\n'}); n > 0 {
		x.line += n
		x.lineStart = x.pos + bytes.LastIndexByte(passed, '\n') + 1
	}
	x.pos = to
}

// checkChars returns an error for the first character in data[from:to]
// that XML does not allow.
func (x *xmlReader) checkChars(from, to int) error {
	d := x.data
	for i := from; i < to; i++ {
		if c := d[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xEF {
			if r, _ := utf8.DecodeRune(d[i:]); !isChar(r) {
				return x.malformed(i, "character %U is not allowed in XML", r)
			}
		}
	}
	return nil
}

// collecting reports whether character data now read belongs to an element
// whose text may be kept: one inside a top-level element with no child
// elements so far.
func (x *xmlReader) collecting() bool {
	if len(x.stack) < 2 {
		return false
	}
	return !x.nodes[x.stack[len(x.stack)-1].node].kids
}

// charData scans character data up to the next "<" or the end, appending
// it, with references replaced and line ends normalised, to x.text when
// collect is set.
func (x *xmlReader) charData(collect bool) error {
	d := x.data
	i := x.pos
	for {
		start := i
		for i < len(d) && !textStop[d[i]] {
			i++
		}
		if collect && i > start {
			x.text = append(x.text, d[start:i]...)
		}
		if i >= len(d) {
			x.pos = i
			return nil
		}
		switch c := d[i]; c {
		case '<':
			x.pos = i
			return nil
		case '\n':
			x.line++
			x.lineStart = i + 1
			if collect {
				x.text = append(x.text, '\n')
			}
			i++
		case '\r':
			if collect {
				x.text = append(x.text, '\n')
			}
			i++
			if i < len(d) && d[i] == '\n' {
				x.line++
				x.lineStart = i + 1
				i++
			}
		case '&':
			r, n, err := x.reference(i)
			if err != nil {
				return err
			}
			if collect {
				x.text = utf8.AppendRune(x.text, r)
			}
			i += n
		case ']':
			if i+2 < len(d) && d[i+1] == ']' && d[i+2] == '>' {
				return x.malformed(i, `"]]>" in text outside a CDATA section`)
			}
			if collect {
				x.text = append(x.text, c)
			}
			i++
		default:
			if r, _ := utf8.DecodeRune(d[i:]); !isChar(r) {
				return x.malformed(i, "character %U is not allowed in XML", r)
			}
			if collect {
				x.text = append(x.text, c)
			}
			i++
		}
	}
}

// reference decodes the entity or character reference at d[i] ("&") and
// returns the character and the reference's length.
func (x *xmlReader) reference(i int) (rune, int, error) {
	d := x.data
	end := bytes.IndexByte(d[i+1:min(len(d), i+32)], ';')
	if end < 0 {
		return 0, 0, x.malformed(i, `"&" not followed by an entity or character reference ending in ";" (write &amp; for "&" in text)`)
	}
	ref := d[i+1 : i+1+end]
	switch string(ref) {
	case "lt":
		return '<', end + 2, nil
	case "gt":
		return '>', end + 2, nil
	case "amp":
		return '&', end + 2, nil
	case "apos":
		return '\'', end + 2, nil
	case "quot":
		return '"', end + 2, nil
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, 0, x.malformed(i, "unknown entity %q (XML has only &lt; &gt; &amp; &apos; &quot;)", d[i:i+end+2])
	}
	digits, base := ref[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	var r rune
	ok := len(digits) > 0
	for _, c := range digits {
		var v rune
		switch {
		case '0' <= c && c <= '9':
			v = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			v = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			v = rune(c-'A') + 10
		default:
			ok = false
		}
		if r = r*base + v; r > utf8.MaxRune {
			ok = false
			break
		}
	}
	if !ok || !isChar(r) {
		return 0, 0, x.malformed(i, "character reference %q is not an XML character", d[i:i+end+2])
	}
	return r, end + 2, nil
}

// parse scans the document from offset start and builds the tables.
func (x *xmlReader) parse(start int) error {
	d := x.data
	x.pos, x.line, x.lineStart = 0, 1, 0
	x.skipTo(start)
	x.textBefore = -1
	doctype := false
	for x.pos < len(d) {
		p := x.pos
		if d[p] != '<' {
			if len(x.stack) > 0 {
				if err := x.charData(x.collecting()); err != nil {
					return err
				}
				continue
			}
			// Outside the root element there may be only white space.
			if x.pos = x.skipSpace(p); x.pos == len(d) || d[x.pos] == '<' {
				continue
			}
			if x.rootClosed {
				return x.malformed(x.pos, "text after the end of the root element EXPSSDA903")
			}
			if x.textBefore < 0 {
				x.textBefore = x.pos
			}
			if err := x.charData(false); err != nil {
				return err
			}
			continue
		}
		if p+1 == len(d) {
			return x.malformed(p, `"<" at the end of the file`)
		}
		switch d[p+1] {
		case '/':
			if err := x.endTag(); err != nil {
				return err
			}
		case '?':
			e := x.nameEnd(p + 2)
			if e == p+2 {
				return x.malformed(p, `"<?" not followed by a processing instruction's target name`)
			}
			if target := d[p+2 : e]; bytes.EqualFold(target, []byte("xml")) {
				return x.malformed(p, "a processing instruction named %q, a name reserved for the XML declaration at the start of the file", target)
			}
			if e < len(d) && !isSpace(d[e]) && d[e] != '?' {
				return x.malformed(e, "unexpected %q after the processing instruction's target name", rune(d[e]))
			}
			end := bytes.Index(d[e:], []byte("?>"))
			if end < 0 {
				return x.endOfFile("a processing instruction", x.line)
			}
			if err := x.checkChars(e, e+end); err != nil {
				return err
			}
			x.skipTo(e + end + 2)
		case '!':
			switch {
			case bytes.HasPrefix(d[p:], []byte("<!--")):
				end := bytes.Index(d[p+4:], []byte("--"))
				if end < 0 || p+4+end+2 == len(d) {
					return x.endOfFile("a comment", x.line)
				}
				end += p + 4
				if d[end+2] != '>' {
					return x.malformed(end, `"--" inside a comment`)
				}
				if err := x.checkChars(p+4, end); err != nil {
					return err
				}
				x.skipTo(end + 3)
			case bytes.HasPrefix(d[p:], []byte("<![CDATA[")):
				if len(x.stack) == 0 {
					if x.root {
						return x.malformed(p, "text after the end of the root element EXPSSDA903")
					}
					return x.malformed(p, "text before the root element")
				}
				if err := x.cdata(); err != nil {
					return err
				}
			case bytes.HasPrefix(d[p:], []byte("<!DOCTYPE")):
				if x.root || doctype {
					return x.malformed(p, "a DOCTYPE declaration that is not before the root element")
				}
				doctype = true
				if err := x.skipDoctype(); err != nil {
					return err
				}
			default:
				return x.malformed(p, `"<!" not followed by a comment, CDATA section or DOCTYPE declaration`)
			}
		default:
			if err := x.startTag(); err != nil {
				return err
			}
		}
	}
	if len(x.stack) > 0 {
		top := x.stack[len(x.stack)-1]
		name := d[top.ns:top.ne]
		return x.malformed(len(d), "the file ends inside <%s>, begun on line %d, before its end tag </%s>", name, top.line, name)
	}
	if !x.root {
		return Problems{{Severity: Fatal, File: x.file, Message: "no root element", Expected: "an EXPSSDA903 element"}}
	}
	return nil
}

// startTag reads the start tag at x.pos and opens its element.
func (x *xmlReader) startTag() error {
	d := x.data
	p := x.pos
	line := x.line
	nameEnd := x.nameEnd(p + 1)
	if nameEnd == p+1 {
		return x.malformed(p, `"<" not followed by an element name (write &lt; for "<" in text)`)
	}
	qname := d[p+1 : nameEnd]
	ls := p + 1 // the local name is data[ls:nameEnd]
	if x.colons > 1 {
		return x.malformed(p+1, "element name %q has more than one colon", qname)
	} else if x.colons == 1 && x.colon > p+1 && x.colon < nameEnd-1 {
		ls = x.colon + 1
	}
	local := d[ls:nameEnd]
	// Attributes are skipped, but must be well-formed.
	empty := false
	q := nameEnd
	for q < len(d) && d[q] != '>' {
		s := q
		q = x.skipSpace(q)
		if q >= len(d) {
			return x.endOfFile(fmt.Sprintf("the start tag of <%s>", qname), line)
		}
		if d[q] == '>' {
			break
		}
		if d[q] == '/' {
			if q+1 < len(d) && d[q+1] == '>' {
				empty = true
				q += 2
				break
			}
			return x.malformed(q, `"/" not followed by ">" in the start tag <%s>`, qname)
		}
		a := x.nameEnd(q)
		if q == s || a == q {
			r, _ := utf8.DecodeRune(d[q:])
			return x.malformed(q, "unexpected %q in the start tag <%s>", r, qname)
		}
		attr := d[q:a]
		if q = x.skipSpace(a); q >= len(d) || d[q] != '=' {
			return x.malformed(q, "attribute %s without =\"value\" in the start tag <%s>", attr, qname)
		}
		if q = x.skipSpace(q + 1); q >= len(d) || d[q] != '"' && d[q] != '\'' {
			return x.malformed(q, "the value of attribute %s in the start tag <%s> is not quoted", attr, qname)
		}
		var err error
		if q, err = x.attrValue(q); err != nil {
			return err
		}
	}
	if !empty {
		if q >= len(d) {
			return x.endOfFile(fmt.Sprintf("the start tag of <%s>", qname), line)
		}
		q++ // past ">"
	}
	x.pos = q
	column := q - x.lineStart + 1

	if !x.root {
		if x.textBefore >= 0 {
			return x.malformed(x.textBefore, "text before the root element")
		}
		if string(local) != "EXPSSDA903" {
			return Problems{{Severity: Fatal, File: x.file, Line: x.line, Column: column, Value: string(local),
				Message: "is not an SSDA903 return", Expected: "the root element EXPSSDA903"}}
		}
		x.root = true
		if empty {
			x.rootClosed = true
		} else {
			x.stack = append(x.stack, openElement{ns: int32(p + 1), ne: int32(nameEnd), node: -1, line: int32(line)})
		}
		return nil
	}
	if x.rootClosed {
		return x.malformed(p, "element <%s> after the end of the root element EXPSSDA903", qname)
	}
	parent := x.stack[len(x.stack)-1].node
	if parent < 0 {
		x.nodes = x.nodes[:0]
		x.text = x.text[:0]
	}
	k := int32(len(x.nodes))
	ts := int32(len(x.text))
	x.nodes = append(x.nodes, xnode{id: lookupElement(local), ns: int32(ls), ne: int32(nameEnd),
		line: int32(x.line), column: int32(column), first: -1, last: -1, next: -1, ts: ts, te: ts})
	if parent >= 0 {
		pn := &x.nodes[parent]
		if !pn.kids {
			// An element with child elements has no text.
			pn.kids = true
			x.text = x.text[:pn.ts]
			x.nodes[k].ts, x.nodes[k].te = pn.ts, pn.ts
		}
		if pn.last >= 0 {
			x.nodes[pn.last].next = k
		} else {
			pn.first = k
		}
		pn.last = k
	}
	if empty {
		if parent < 0 {
			x.finishTop()
		}
		return nil
	}
	x.stack = append(x.stack, openElement{ns: int32(p + 1), ne: int32(nameEnd), node: k, line: int32(line)})
	return nil
}

// attrValue checks the quoted attribute value at d[q] and returns the
// offset after its closing quote.
func (x *xmlReader) attrValue(q int) (int, error) {
	d := x.data
	quote, line := d[q], x.line
	for i := q + 1; i < len(d); {
		switch c := d[i]; {
		case c == quote:
			return i + 1, nil
		case c == '<':
			return 0, x.malformed(i, `"<" in an attribute value`)
		case c == '&':
			_, n, err := x.reference(i)
			if err != nil {
				return 0, err
			}
			i += n
		case c == '\n':
			x.line++
			x.lineStart = i + 1
			i++
		case c < 0x20 && c != '\t' && c != '\r' || c == 0xEF:
			if err := x.checkChars(i, i+1); err != nil {
				return 0, err
			}
			i++
		default:
			i++
		}
	}
	return 0, x.endOfFile("an attribute value", line)
}

// endTag reads the end tag at x.pos and closes its element.
func (x *xmlReader) endTag() error {
	d := x.data
	p := x.pos
	if len(x.stack) == 0 {
		return x.endTagError()
	}
	top := x.stack[len(x.stack)-1]
	// The end tag is nearly always exactly </NAME>, NAME as in its start tag.
	q := p + 2 + int(top.ne-top.ns)
	if q >= len(d) || d[q] != '>' || !bytes.Equal(d[p+2:q], d[top.ns:top.ne]) {
		var err error
		if q, err = x.endTagName(top); err != nil {
			return err
		}
	}
	x.pos = q + 1
	x.stack = x.stack[:len(x.stack)-1]
	if top.node < 0 {
		x.rootClosed = true
		return nil
	}
	n := &x.nodes[top.node]
	if !n.kids {
		t := bytes.TrimSpace(x.text[n.ts:])
		n.te = n.ts + int32(copy(x.text[n.ts:], t))
		x.text = x.text[:n.te]
	}
	if len(x.stack) == 1 {
		x.finishTop()
	}
	return nil
}

// endTagName reads the end tag at x.pos that must close top, returning the
// offset of its ">", or the reason it is malformed.
func (x *xmlReader) endTagName(top openElement) (int, error) {
	d := x.data
	p := x.pos
	nameEnd := x.nameEnd(p + 2)
	if nameEnd == p+2 {
		return 0, x.malformed(p, `"</" not followed by an element name`)
	}
	name := d[p+2 : nameEnd]
	q := x.skipSpace(nameEnd)
	if q >= len(d) {
		return 0, x.endOfFile(fmt.Sprintf("the end tag </%s>", name), x.line)
	}
	if d[q] != '>' {
		r, _ := utf8.DecodeRune(d[q:])
		return 0, x.malformed(q, "unexpected %q in the end tag </%s>", r, name)
	}
	if open := d[top.ns:top.ne]; !bytes.Equal(name, open) {
		return 0, x.malformed(p, "end tag </%s> where </%s> was expected, to end the <%s> begun on line %d",
			name, open, open, top.line)
	}
	return q, nil
}

// endTagError explains the end tag at x.pos outside the root element.
func (x *xmlReader) endTagError() error {
	d := x.data
	p := x.pos
	nameEnd := x.nameEnd(p + 2)
	if nameEnd == p+2 {
		return x.malformed(p, `"</" not followed by an element name`)
	}
	return x.malformed(p, "end tag </%s> outside the root element", d[p+2:nameEnd])
}

// cdata reads the CDATA section at x.pos as character data.
func (x *xmlReader) cdata() error {
	d := x.data
	p := x.pos + len("<![CDATA[")
	end := bytes.Index(d[p:], []byte("]]>"))
	if end < 0 {
		return x.endOfFile("a CDATA section", x.line)
	}
	end += p
	if err := x.checkChars(p, end); err != nil {
		return err
	}
	if x.collecting() {
		for i := p; i < end; i++ {
			c := d[i]
			if c == '\r' {
				c = '\n'
				if i+1 < end && d[i+1] == '\n' {
					i++
				}
			}
			x.text = append(x.text, c)
		}
	}
	x.skipTo(end + 3)
	return nil
}

// skipDoctype skips the DOCTYPE declaration at x.pos, with any internal
// subset, whose declarations are not read.
func (x *xmlReader) skipDoctype() error {
	d := x.data
	line := x.line
	depth := 0
	for i := x.pos + len("<!DOCTYPE"); i < len(d); i++ {
		switch d[i] {
		case '"', '\'':
			end := bytes.IndexByte(d[i+1:], d[i])
			if end < 0 {
				return x.endOfFile("the DOCTYPE declaration", line)
			}
			i += end + 1
		case '[':
			depth++
		case ']':
			depth--
		case '<':
			if bytes.HasPrefix(d[i:], []byte("<!--")) {
				end := bytes.Index(d[i+4:], []byte("-->"))
				if end < 0 {
					return x.endOfFile("the DOCTYPE declaration", line)
				}
				i += 4 + end + 2
			}
		case '>':
			if depth <= 0 {
				if err := x.checkChars(x.pos, i); err != nil {
					return err
				}
				x.skipTo(i + 1)
				return nil
			}
		}
	}
	return x.endOfFile("the DOCTYPE declaration", line)
}

// finishTop handles a complete element directly inside EXPSSDA903, which is
// x.nodes[0].
func (x *xmlReader) finishTop() {
	if x.nodes[0].id != idCHILD {
		x.unknown(0, "EXPSSDA903")
		return
	}
	// One string holds all the CHILD's values.
	x.values = string(x.text)
	x.addChild()
}

// textOf returns the text of node k.
func (x *xmlReader) textOf(k int32) string {
	n := &x.nodes[k]
	return x.values[n.ts:n.te]
}

func (x *xmlReader) unknown(k int32, parent string) {
	n := &x.nodes[k]
	name := x.data[n.ns:n.ne]
	x.keyBuf = append(append(append(x.keyBuf[:0], parent...), '/'), name...)
	if x.warned[string(x.keyBuf)] {
		return
	}
	x.warned[string(x.keyBuf)] = true
	x.problems = append(x.problems, &Problem{Severity: Warning, File: x.file, Line: int(n.line), Column: int(n.column),
		Value: string(name), Message: "unknown element inside " + parent + " ignored (reported once)"})
}

// addChild turns the CHILD element in x.nodes into rows of every table it
// feeds.
func (x *xmlReader) addChild() {
	for i := range x.hv {
		x.hv[i] = -1
	}
	c := &x.nodes[0]
	h := int32(-1)
	for k := c.first; k >= 0; k = x.nodes[k].next {
		if x.nodes[k].id == idHEADER {
			h = k
			break
		}
	}
	line := int(c.line)
	if h < 0 {
		x.problems = append(x.problems, &Problem{Severity: Invalid, File: x.file, Line: int(c.line), Column: int(c.column),
			Field: "CHILD", Message: "has no HEADER element", Expected: "a HEADER with the child's CHILDID"})
	} else {
		line = int(x.nodes[h].line)
		for k := x.nodes[h].first; k >= 0; k = x.nodes[k].next {
			id := x.nodes[k].id
			switch {
			case isHeaderField[id]:
				x.hv[id] = k
			case headerGroupOf[id] != nil:
				x.addGroupRow(headerGroupOf[id], k)
			default:
				x.unknown(k, "HEADER")
			}
		}
	}
	x.addRow(headerPlans[0], line, nil)
	if x.headerText(idUASC) == "1" || x.headerText(idDUC) != "" {
		x.addRow(headerPlans[1], line, nil)
	}
	if x.anyPresent(ad1IDs) {
		x.addRow(headerPlans[2], line, nil)
	}
	if x.anyPresent(oc3IDs) {
		x.addRow(headerPlans[3], line, nil)
	}
	for k := c.first; k >= 0; k = x.nodes[k].next {
		id := x.nodes[k].id
		if id == idHEADER {
			continue
		}
		if g := childGroupOf[id]; g != nil {
			x.addGroupRow(g, k)
			continue
		}
		x.unknown(k, "CHILD")
	}
}

func (x *xmlReader) headerText(id elemID) string {
	if k := x.hv[id]; k >= 0 {
		return x.textOf(k)
	}
	return ""
}

func (x *xmlReader) anyPresent(ids []elemID) bool {
	for _, id := range ids {
		if x.hv[id] >= 0 {
			return true
		}
	}
	return false
}

// addGroupRow adds the row that the group element (EPISODE, AREVIEW, ...)
// at node k makes, with the header's CHILD and DOB.
func (x *xmlReader) addGroupRow(g *rowPlan, k int32) {
	own := x.own[:0]
	for range g.hdr {
		own = append(own, -1)
	}
	x.own = own
	for f := x.nodes[k].first; f >= 0; f = x.nodes[f].next {
		c := g.col[x.nodes[f].id]
		if c < 0 {
			x.unknown(f, g.name)
			continue
		}
		own[c] = f
	}
	x.addRow(g, int(x.nodes[k].line), own)
}

// addRow adds a row to the plan's table, taking each column from own when
// present and otherwise from the header's values, and checks each value's
// form once.
func (x *xmlReader) addRow(p *rowPlan, line int, own []int32) {
	t := x.byIndex[p.table]
	columns := t.Schema.Columns
	if len(x.slab) < len(columns) {
		x.slab = make([]string, 4096)
	}
	values := x.slab[:len(columns):len(columns)]
	x.slab = x.slab[len(columns):]
	for i, c := range columns {
		k := int32(-1)
		if own != nil {
			k = own[i]
		}
		if k < 0 && p.hdr[i] != 0 {
			k = x.hv[p.hdr[i]]
		}
		if k < 0 {
			continue
		}
		n := &x.nodes[k]
		if n.te == n.ts {
			continue
		}
		v := x.values[n.ts:n.te]
		values[i] = v
		if !n.checked {
			n.checked = true
			if expected := formatError(c.Kind, v); expected != "" {
				x.problems = append(x.problems, &Problem{Severity: Invalid, File: x.file, Line: int(n.line), Column: int(n.column),
					Field: c.Name, Value: v, Expected: expected})
			}
		}
	}
	x.appendRow(p.table, Row{Line: line, Values: values})
}

// appendRow adds a row to table i. Rows are gathered in chunks of growing
// size and joined once at the end, which copies each row once where
// appending to Table.Rows would copy it several times over.
func (x *xmlReader) appendRow(i int, r Row) {
	chunks := x.rows[i]
	if n := len(chunks); n == 0 || len(chunks[n-1]) == cap(chunks[n-1]) {
		size := 16
		if n > 0 {
			size = min(2*cap(chunks[n-1]), 8192)
		}
		chunks = append(chunks, make([]Row, 0, size))
		x.rows[i] = chunks
	}
	last := &chunks[len(chunks)-1]
	*last = append(*last, r)
}

// joinRows sets each table's rows from the chunks appendRow gathered.
func (x *xmlReader) joinRows() {
	for i, chunks := range x.rows {
		if len(chunks) == 1 {
			x.byIndex[i].Rows = chunks[0]
			continue
		}
		n := 0
		for _, c := range chunks {
			n += len(c)
		}
		if n == 0 {
			continue
		}
		rows := make([]Row, 0, n)
		for _, c := range chunks {
			rows = append(rows, c...)
		}
		x.byIndex[i].Rows = rows
	}
}
