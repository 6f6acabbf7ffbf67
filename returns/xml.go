package returns

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The XML scanner reads a return's XML file: a root element holding one
// record element after another (the 903's CHILD), each small, directly or
// inside a container (the CIN census's Children holds its Child records). A national
// return is tens of megabytes, so the scanner does not use encoding/xml,
// which allocates for every token: it scans the file's bytes itself and
// keeps only the record being read. It checks that the document is
// well-formed XML 1.0, except that it skips a DOCTYPE's internal subset
// unread, does not check that attribute names are unique or that namespace
// prefixes are declared (an element is known by its local name, "p:CHILD"
// being CHILD), and allows white space before the XML declaration. It knows
// only the five predefined entities.
//
// A return's package maps records onto its tables: ScanXML hands it each
// complete record as an XMLRecord, a tree of Elements whose names are
// numbered by the layout's ElementNames.

// ElementID numbers an element name an XML layout knows; 0 is any other
// name.
type ElementID uint16

// ElementNames numbers the element names of an XML layout, so that a
// mapping compares small numbers rather than strings. The scanner looks
// names up without hashing them whole.
type ElementNames struct {
	ids   map[string]ElementID
	slots []nameSlot // open addressing; the length is a power of two
}

type nameSlot struct {
	name string
	id   ElementID
}

// NewElementNames numbers names from 1 in the order given; a repeated
// name keeps its first number. It panics on more than 16,000 names, which
// is a programming error.
func NewElementNames(names ...string) *ElementNames {
	n := &ElementNames{ids: map[string]ElementID{}}
	for _, name := range names {
		if _, ok := n.ids[name]; ok || name == "" {
			continue
		}
		if len(n.ids) >= 16000 {
			panic("returns: too many XML element names")
		}
		n.ids[name] = ElementID(len(n.ids) + 1)
	}
	size := 512
	for size < 4*len(n.ids) {
		size *= 2
	}
	n.slots = make([]nameSlot, size)
	for name, id := range n.ids {
		h := n.hash([]byte(name))
		for n.slots[h].id != 0 {
			h = (h + 1) & (len(n.slots) - 1)
		}
		n.slots[h] = nameSlot{name, id}
	}
	return n
}

// ID returns the number of name, or 0 when the layout does not know it.
func (n *ElementNames) ID(name string) ElementID { return n.ids[name] }

// Len returns one more than the highest number: the length of a slice
// indexed by ElementID.
func (n *ElementNames) Len() int { return len(n.ids) + 1 }

func (n *ElementNames) hash(b []byte) int {
	l := len(b)
	return (l*131 + int(b[0])*31 + int(b[l/2])*7 + int(b[l-1])) & (len(n.slots) - 1)
}

// lookup returns the number of the element name b, or 0.
func (n *ElementNames) lookup(b []byte) ElementID {
	for h := n.hash(b); ; h = (h + 1) & (len(n.slots) - 1) {
		s := &n.slots[h]
		if s.id == 0 || s.name == string(b) {
			return s.id
		}
	}
}

// XMLLayout is what the scanner needs to know of a return's XML layout.
type XMLLayout struct {
	Return string        // the return's name, for messages: "SSDA903"
	Root   string        // the root element's local name: "EXPSSDA903"
	Names  *ElementNames // the element names the layout knows
	// Containers are elements directly inside the root that only hold
	// records, such as the CIN census's Children: their child elements
	// are the records, each handed over on its own.
	Containers []string
}

// isContainer reports whether the element named local, directly inside the
// root, is one of the layout's containers.
func (l *XMLLayout) isContainer(local []byte) bool {
	for _, c := range l.Containers {
		if c == string(local) {
			return true
		}
	}
	return false
}

// containerNode marks a container on the stack of open elements, as -1
// marks the root.
const containerNode = -2

// Element is one element of a record, with its place in the tree and its
// text. Elements hold no pointers, so that building them costs the garbage
// collector nothing.
type Element struct {
	First, Last int32 // first and last child elements, or -1
	Next        int32 // next sibling, or -1
	Parent      int32 // parent element, or -1 for the record
	ns, ne      int32 // local name: data[ns:ne]
	ts, te      int32 // trimmed text: text[ts:te]
	Line        int32 // where its start tag ends
	Column      int32
	ID          ElementID
	HasChildren bool // has child elements, and so no text
	// Checked is for the mapping's use, to check a text's form once when
	// several rows take it; it is false when the record is handed over.
	Checked bool
}

// XMLRecord is one complete record (an element directly inside the root or
// inside a container), as ScanXML hands it to a return's mapping. It is valid only during the call.
type XMLRecord struct {
	// Elements are the record and its descendants; Elements[0] is the
	// record itself.
	Elements []Element

	file     string
	rootName string
	parent   string // the path of the record's parent: the root, or the root and a container
	data     []byte // the document as UTF-8
	text     []byte // the elements' leaf texts, trimmed, back to back
	values   string // text as a string, once the record is complete
	problems Problems
	warned   map[string]bool // keys of the warnings given once a file, already given
	once     []onceProblem   // those warnings, in the order given
	keyBuf   []byte
}

// onceProblem is a warning given once a file: its key and its index in
// the problems.
type onceProblem struct {
	key string
	at  int
}

// Text returns the trimmed text of element k, with references replaced
// and line ends normalised; "" for an element with child elements.
func (r *XMLRecord) Text(k int32) string {
	e := &r.Elements[k]
	return r.values[e.ts:e.te]
}

// Name returns the local name of element k as written.
func (r *XMLRecord) Name(k int32) string {
	e := &r.Elements[k]
	return string(r.data[e.ns:e.ne])
}

// Path returns the path of element k from the root:
// "EXPSSDA903/CHILD/HEADER/DOB".
func (r *XMLRecord) Path(k int32) string {
	var names []string
	for at := k; at >= 0; at = r.Elements[at].Parent {
		names = append(names, r.Name(at))
	}
	names = append(names, r.parent)
	slices.Reverse(names)
	return strings.Join(names, "/")
}

// Report adds a problem with element k, filling in the file, the
// element's line, column and path.
func (r *XMLRecord) Report(k int32, p *Problem) {
	e := &r.Elements[k]
	p.File, p.Line, p.Column, p.Path = r.file, int(e.Line), int(e.Column), r.Path(k)
	r.problems = append(r.problems, p)
}

// Unknown warns that element k, inside the element named parent, is not
// part of the layout and is ignored. Each name inside each parent is
// reported once a file.
func (r *XMLRecord) Unknown(k int32, parent string) {
	e := &r.Elements[k]
	name := r.data[e.ns:e.ne]
	r.keyBuf = append(append(append(r.keyBuf[:0], parent...), '/'), name...)
	if r.warned[string(r.keyBuf)] {
		return
	}
	r.ReportOnce(string(r.keyBuf), k, &Problem{Severity: Warning, Value: string(name),
		Message: "unknown element inside " + parent + " ignored (reported once)"})
}

// ReportOnce is Report for a problem reported once a file, such as an
// unknown element: of the problems with the same key, only the first is
// kept. The key is the mapping's, such as "parent/name".
func (r *XMLRecord) ReportOnce(key string, k int32, p *Problem) {
	if r.warned[key] {
		return
	}
	r.warned[key] = true
	r.once = append(r.once, onceProblem{key, len(r.problems)})
	r.Report(k, p)
}

// openElement is an element whose end tag has not been read.
type openElement struct {
	ns, ne int32 // qualified name as written: data[ns:ne]
	node   int32 // its Element, or -1 for the root, containerNode for a container
	line   int32 // where its start tag begins
}

// xmlScanner scans a document in a return's XML layout.
type xmlScanner struct {
	XMLRecord
	layout *XMLLayout
	record func(*XMLRecord)

	pos       int // next byte to scan
	line      int // line of data[pos]
	lineStart int // offset of the first byte of that line

	root       bool // the root element has begun
	rootClosed bool // and ended
	textBefore int  // offset of text before the root element, or -1

	stack   []openElement
	colons  int // set by nameEnd
	colon   int
	doctype bool // a DOCTYPE declaration has been read

	recNS, recNE int32 // the record being read's name as written: data[recNS:recNE]

	// A file read in parts (ScanXMLParts): part 0 reads from the start,
	// and after its first record starts the others, each at the start of
	// a record further on, guessed from its name. Each part but the last
	// stops where the next began, if that is where a record starts
	// (boundary holds the elements then open, the same for every part);
	// if not, the guess was wrong and it reads on to the end.
	parts     int                          // the most parts to read in; 0 once started
	triedName string                       // the name of the last record after which split tried
	tries     int                          // how many times split has tried
	newPart   func(i int) func(*XMLRecord) // the mapping of each part
	others    []*xmlScanner                // parts 1 on, in order
	errs      []error                      // what each of others returned
	wg        sync.WaitGroup
	stop      int           // where the next part began, or math.MaxInt
	boundary  []openElement // the elements open where a part begins
	stopped   bool          // the part stopped at stop
	// Where the part began: its first line and that line's offset.
	startLine, startLineStart int
}

// ScanXML reads an XML file in layout, of at most MaxFileSize bytes, and
// calls record with each complete record, in order: each element directly
// inside the root, or inside one of the layout's Containers. It returns the problems found along the way (unknown elements,
// and whatever record reported); the error, when not nil, is a Problems
// list of one fatal problem, and then nothing of the file is to be used.
//
// The text may be UTF-8 (with or without a byte-order mark), UTF-16 with a
// byte-order mark, or Windows-1252 or ISO-8859-1 when the XML declaration
// says so. Lines and columns in problems count the bytes of the text as
// UTF-8.
func ScanXML(file string, r io.Reader, layout *XMLLayout, record func(*XMLRecord)) (Problems, error) {
	_, problems, err := ScanXMLParts(file, r, layout, 1, func(int) func(*XMLRecord) { return record })
	return problems, err
}

// minPartBytes is the least a part of a file read in parts holds.
var minPartBytes = 1 << 20

// ScanXMLParts is ScanXML reading a large file in up to parts pieces at
// once, each on its own goroutine, split between records. newPart(i)
// returns the mapping that takes the records of the i'th piece, in order;
// it is called for piece 0 first, then for the others once a record that
// such pieces can start at has been read, all on the caller's goroutine. The problems and
// the error are exactly ScanXML's; used says how many pieces' mappings
// hold the file's records, in order: a piece begins where a record's
// start tag seems to be, and when the piece before finds that it was
// not (the tag was inside a comment, say), it reads on to the end and
// the records handed to the later pieces' mappings are to be ignored.
func ScanXMLParts(file string, r io.Reader, layout *XMLLayout, parts int, newPart func(i int) func(*XMLRecord)) (used int, problems Problems, err error) {
	raw, err := ReadAll(r)
	if err != nil {
		return 0, nil, Problems{readProblem(file, err)}
	}
	x := &xmlScanner{layout: layout, record: newPart(0), parts: parts, newPart: newPart, stop: math.MaxInt}
	x.file, x.rootName, x.warned = file, layout.Root, map[string]bool{}
	start, err := x.decode(raw)
	if err != nil {
		return 0, nil, err
	}
	if len(x.data) >= math.MaxInt32 {
		// Offsets in the file are kept as int32.
		return 0, nil, Problems{{Severity: Fatal, File: file, Message: "the file is too large to read",
			Expected: "an XML file under 2 GB"}}
	}
	err = x.parse(start)
	x.wg.Wait()
	return x.join(err)
}

// split starts the other parts of a file read in parts, once part 0 has
// read a record, each at the first start tag of a record named as that
// one was from an equal share of the rest of the file. When there is no
// such tag (the record was a header), it tries again after the next
// record named otherwise, up to a few times.
func (x *xmlScanner) split() {
	x.triedName = string(x.data[x.recNS:x.recNE])
	if x.tries++; x.tries > 3 {
		x.parts = 0
	}
	n := x.parts
	rest := len(x.data) - x.pos
	if n = min(n, rest/minPartBytes); n < 2 {
		x.parts = 0
		return
	}
	name := append([]byte{'<'}, x.data[x.recNS:x.recNE]...)
	x.boundary = slices.Clone(x.stack)
	prev := x
	for i := 1; i < n; i++ {
		at := recordStart(x.data, x.pos+rest*i/n, name)
		if at < 0 || at <= prev.pos {
			break
		}
		p := &xmlScanner{layout: x.layout, record: x.newPart(i), stop: math.MaxInt, boundary: x.boundary}
		p.file, p.rootName, p.warned, p.data = x.file, x.rootName, map[string]bool{}, x.data
		p.root, p.textBefore, p.stack = true, -1, slices.Clone(x.stack)
		p.pos = at
		prev.stop = at
		x.others = append(x.others, p)
		prev = p
	}
	if len(x.others) == 0 {
		return
	}
	x.parts = 0
	x.errs = make([]error, len(x.others))
	from, line, lineStart := x.pos, x.line, x.lineStart
	for i, p := range x.others {
		x.wg.Go(func() {
			at := p.pos
			p.pos, p.line, p.lineStart = from, line, lineStart
			p.skipTo(at)
			p.startLine, p.startLineStart = p.line, p.lineStart
			x.errs[i] = p.scan()
		})
	}
}

// recordStart returns the offset of the first start tag from offset from
// that begins with name ("<Child"), looking no further than minPartBytes
// on, or -1.
func recordStart(d []byte, from int, name []byte) int {
	d = d[:min(len(d), from+minPartBytes)]
	for from < len(d) {
		i := bytes.Index(d[from:], name)
		if i < 0 {
			return -1
		}
		at := from + i
		if e := at + len(name); e < len(d) && (d[e] == '>' || d[e] == '/' || isSpace(d[e])) {
			return at
		}
		from = at + 1
	}
	return -1
}

// atBoundary reports whether the scan is at its stop between records,
// with the same elements open as where the next part began.
func (x *xmlScanner) atBoundary() bool {
	return x.pos == x.stop && !x.rootClosed && slices.Equal(x.stack, x.boundary)
}

// join joins the parts' problems, once part 0 (x) has returned err and
// the others have finished, and says how many parts hold the file's
// records. A part that stopped where the next did not begin (on another
// line: which cannot happen, as both count the same line ends) reads on.
func (x *xmlScanner) join(err error) (int, Problems, error) {
	parts := append([]*xmlScanner{x}, x.others...)
	errs := append([]error{err}, x.errs...)
	var problems Problems
	given := map[string]bool{}
	for i, p := range parts {
		err := errs[i]
		if err == nil && p.stopped {
			next := parts[i+1]
			if p.line != next.startLine || p.lineStart != next.startLineStart {
				p.stop, p.stopped = math.MaxInt, false
				err = p.scan()
			}
		}
		if err != nil {
			return 0, nil, err
		}
		problems = append(problems, p.unrepeated(given)...)
		if !p.stopped {
			return i + 1, problems, nil
		}
	}
	panic("returns: the last part of an XML file stopped before its end")
}

// unrepeated returns the part's problems but those given once a file
// whose key an earlier part gave, and adds its keys to given.
func (x *xmlScanner) unrepeated(given map[string]bool) Problems {
	var repeated map[int]bool
	for _, o := range x.once {
		if given[o.key] {
			if repeated == nil {
				repeated = map[int]bool{}
			}
			repeated[o.at] = true
		}
	}
	for _, o := range x.once {
		given[o.key] = true
	}
	if repeated == nil {
		return x.problems
	}
	out := make(Problems, 0, len(x.problems)-len(repeated))
	for i, p := range x.problems {
		if !repeated[i] {
			out = append(out, p)
		}
	}
	return out
}

// position returns the 1-based line and byte column of offset off.
func (x *xmlScanner) position(off int) (line, column int) {
	before := x.data[:off]
	return 1 + bytes.Count(before, []byte{'\n'}), off - (bytes.LastIndexByte(before, '\n') + 1) + 1
}

// malformed returns the fatal problem for a document that is not
// well-formed XML at offset off.
func (x *xmlScanner) malformed(off int, format string, args ...any) error {
	line, column := x.position(off)
	return Problems{{Severity: Fatal, File: x.file, Line: line, Column: column,
		Message: "malformed XML: " + fmt.Sprintf(format, args...), Expected: "well-formed XML in the " + x.layout.Root + " layout"}}
}

// endOfFile is malformed for a document that ends inside something.
func (x *xmlScanner) endOfFile(inside string, line int) error {
	return x.malformed(len(x.data), "the file ends inside %s, begun on line %d", inside, line)
}

// decode sets x.data to the document as UTF-8 and returns the offset at
// which its markup starts, after any byte-order mark and XML declaration.
func (x *xmlScanner) decode(data []byte) (int, error) {
	if looksLikeUTF16(data) {
		return 0, Problems{{Severity: Fatal, File: x.file, Message: errNoByteOrderMark.Error(),
			Expected: "UTF-8 text, or UTF-16 starting with a byte-order mark"}}
	}
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
func (x *xmlScanner) declaration(start int) (encoding string, end int, err error) {
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
func (x *xmlScanner) nameEnd(i int) int {
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
func (x *xmlScanner) skipSpace(i int) int {
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
func (x *xmlScanner) skipTo(to int) {
	passed := x.data[x.pos:to]
	if n := bytes.Count(passed, []byte{'\n'}); n > 0 {
		x.line += n
		x.lineStart = x.pos + bytes.LastIndexByte(passed, '\n') + 1
	}
	x.pos = to
}

// checkChars returns an error for the first character in data[from:to]
// that XML does not allow.
func (x *xmlScanner) checkChars(from, to int) error {
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
func (x *xmlScanner) collecting() bool {
	node := x.stack[len(x.stack)-1].node
	return node >= 0 && !x.Elements[node].HasChildren
}

// charData scans character data up to the next "<" or the end, appending
// it, with references replaced and line ends normalised, to x.text when
// collect is set.
func (x *xmlScanner) charData(collect bool) error {
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
func (x *xmlScanner) reference(i int) (rune, int, error) {
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
func (x *xmlScanner) parse(start int) error {
	x.pos, x.line, x.lineStart = 0, 1, 0
	x.skipTo(start)
	x.textBefore = -1
	return x.scan()
}

// scan scans the document from x.pos to the end, or to x.stop if a record
// may start there.
func (x *xmlScanner) scan() error {
	d := x.data
	for x.pos < len(d) {
		if x.pos >= x.stop {
			if x.atBoundary() {
				x.stopped = true
				return nil
			}
			x.stop = math.MaxInt
		}
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
				return x.malformed(x.pos, "text after the end of the root element %s", x.layout.Root)
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
						return x.malformed(p, "text after the end of the root element %s", x.layout.Root)
					}
					return x.malformed(p, "text before the root element")
				}
				if err := x.cdata(); err != nil {
					return err
				}
			case bytes.HasPrefix(d[p:], []byte("<!DOCTYPE")):
				if x.root || x.doctype {
					return x.malformed(p, "a DOCTYPE declaration that is not before the root element")
				}
				x.doctype = true
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
		return Problems{{Severity: Fatal, File: x.file, Message: "no root element", Expected: "an " + x.layout.Root + " element"}}
	}
	return nil
}

// startTag reads the start tag at x.pos and opens its element.
func (x *xmlScanner) startTag() error {
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
		if string(local) != x.layout.Root {
			return Problems{{Severity: Fatal, File: x.file, Line: x.line, Column: column, Value: string(local),
				Message: "is not an " + x.layout.Return + " return", Expected: "the root element " + x.layout.Root}}
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
		return x.malformed(p, "element <%s> after the end of the root element %s", qname, x.layout.Root)
	}
	parent := x.stack[len(x.stack)-1].node
	if parent == -1 && len(x.layout.Containers) > 0 && x.layout.isContainer(local) {
		if !empty {
			x.stack = append(x.stack, openElement{ns: int32(p + 1), ne: int32(nameEnd), node: containerNode, line: int32(line)})
		}
		return nil
	}
	if parent < 0 {
		x.recNS, x.recNE = int32(p+1), int32(nameEnd)
		x.Elements = x.Elements[:0]
		x.text = x.text[:0]
		x.parent = x.rootName
		if parent == containerNode {
			x.parent += "/" + x.containerName()
		}
	}
	k := int32(len(x.Elements))
	ts := int32(len(x.text))
	x.Elements = append(x.Elements, Element{ID: x.layout.Names.lookup(local), ns: int32(ls), ne: int32(nameEnd),
		Line: int32(x.line), Column: int32(column), First: -1, Last: -1, Next: -1, Parent: max(parent, -1), ts: ts, te: ts})
	if parent >= 0 {
		pn := &x.Elements[parent]
		if !pn.HasChildren {
			// An element with child elements has no text.
			pn.HasChildren = true
			x.text = x.text[:pn.ts]
			x.Elements[k].ts, x.Elements[k].te = pn.ts, pn.ts
		}
		if pn.Last >= 0 {
			x.Elements[pn.Last].Next = k
		} else {
			pn.First = k
		}
		pn.Last = k
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
func (x *xmlScanner) attrValue(q int) (int, error) {
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
func (x *xmlScanner) endTag() error {
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
		x.rootClosed = top.node == -1
		return nil
	}
	n := &x.Elements[top.node]
	if !n.HasChildren {
		t := bytes.TrimSpace(x.text[n.ts:])
		n.te = n.ts + int32(copy(x.text[n.ts:], t))
		x.text = x.text[:n.te]
	}
	if x.stack[len(x.stack)-1].node < 0 {
		x.finishTop()
	}
	return nil
}

// containerName returns the local name of the container that is open.
func (x *xmlScanner) containerName() string {
	top := x.stack[len(x.stack)-1]
	name := x.data[top.ns:top.ne]
	if i := bytes.LastIndexByte(name, ':'); i >= 0 && i < len(name)-1 {
		name = name[i+1:]
	}
	return string(name)
}

// endTagName reads the end tag at x.pos that must close top, returning the
// offset of its ">", or the reason it is malformed.
func (x *xmlScanner) endTagName(top openElement) (int, error) {
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
func (x *xmlScanner) endTagError() error {
	d := x.data
	p := x.pos
	nameEnd := x.nameEnd(p + 2)
	if nameEnd == p+2 {
		return x.malformed(p, `"</" not followed by an element name`)
	}
	return x.malformed(p, "end tag </%s> outside the root element", d[p+2:nameEnd])
}

// cdata reads the CDATA section at x.pos as character data.
func (x *xmlScanner) cdata() error {
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
func (x *xmlScanner) skipDoctype() error {
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

// finishTop hands the complete record, which is x.Elements[0], to the
// mapping.
func (x *xmlScanner) finishTop() {
	// One string holds all the record's values.
	x.values = string(x.text)
	x.record(&x.XMLRecord)
	if x.parts > 1 && string(x.data[x.recNS:x.recNE]) != x.triedName {
		x.split()
	}
}
