package returns

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

var toyLayout = &XMLLayout{Return: "Toy", Root: "R", Names: NewElementNames("P", "ID", "BORN", "V", "DAY", "ID")}

// flatten describes a record: each element's name, text and path, in
// document order, with unknown names warned of through Unknown.
func flatten(rec *XMLRecord) []string {
	var out []string
	var walk func(k int32, parent string)
	walk = func(k int32, parent string) {
		e := &rec.Elements[k]
		if e.ID == 0 {
			rec.Unknown(k, parent)
		}
		out = append(out, fmt.Sprintf("%s=%q@%d:%d %s", rec.Name(k), rec.Text(k), e.Line, e.Column, rec.Path(k)))
		for c := e.First; c >= 0; c = rec.Elements[c].Next {
			walk(c, rec.Name(k))
		}
	}
	walk(0, "R")
	return out
}

func TestScanXMLHandsOverRecords(t *testing.T) {
	data := "<?xml version=\"1.0\"?>\n<t:R xmlns:t=\"u\">\n<P><ID> 1 </ID><X>a</X><V><DAY>d&amp;1</DAY></V></P>\n" +
		"<P><ID>2</ID><X/><V><DAY><![CDATA[<2>]]></DAY></V></P>\n</t:R>\n"
	var got [][]string
	problems, err := ScanXML("x.xml", strings.NewReader(data), toyLayout, func(rec *XMLRecord) {
		got = append(got, flatten(rec))
		if rec.Text(rec.Elements[0].First) == "2" {
			rec.Report(rec.Elements[0].First, &Problem{Severity: Invalid, Field: "ID", Value: "2", Expected: "an odd number"})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{`P=""@3:4 R/P`, `ID="1"@3:8 R/P/ID`, `X="a"@3:19 R/P/X`, `V=""@3:27 R/P/V`, `DAY="d&1"@3:32 R/P/V/DAY`},
		{`P=""@4:4 R/P`, `ID="2"@4:8 R/P/ID`, `X=""@4:18 R/P/X`, `V=""@4:21 R/P/V`, `DAY="<2>"@4:26 R/P/V/DAY`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("records\n got %q\nwant %q", got, want)
	}
	wantProblems := []string{`x.xml:3:19: warning: "X" unknown element inside P ignored (reported once)`,
		`x.xml:4:8: ID: "2"; expected an odd number`}
	if got := messages(problems); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems\n got %q\nwant %q", got, wantProblems)
	}
	if problems[1].Path != "R/P/ID" {
		t.Errorf("path %q, want R/P/ID", problems[1].Path)
	}
}

func TestScanXMLRefuses(t *testing.T) {
	tests := []struct{ data, fatal string }{
		{"", `x.xml: no root element; expected an R element`},
		{"<Q/>", `x.xml:1:5: "Q" is not an Toy return; expected the root element R`},
		{"<R><P>", `x.xml:1:7: malformed XML: the file ends inside <P>, begun on line 1, before its end tag </P>; expected well-formed XML in the R layout`},
		{"<R/>x", `x.xml:1:5: malformed XML: text after the end of the root element R; expected well-formed XML in the R layout`},
		{"<R></R><P/>", `x.xml:1:8: malformed XML: element <P> after the end of the root element R; expected well-formed XML in the R layout`},
		{"\x00<\x00R\x00/\x00>", `x.xml: the text looks like UTF-16 (a zero byte beside each letter) but does not start with a byte-order mark; expected UTF-8 text, or UTF-16 starting with a byte-order mark`},
		{"<R>&bad;</R>", `x.xml:1:4: malformed XML: unknown entity "&bad;" (XML has only &lt; &gt; &amp; &apos; &quot;); expected well-formed XML in the R layout`},
	}
	for _, tt := range tests {
		problems, err := ScanXML("x.xml", strings.NewReader(tt.data), toyLayout, func(*XMLRecord) {})
		if err == nil || err.Error() != tt.fatal || problems != nil {
			t.Errorf("ScanXML(%q) = %v, %v\nwant %s", tt.data, problems, err, tt.fatal)
		}
	}
}

func TestElementNames(t *testing.T) {
	var names []string
	for i := range 600 {
		names = append(names, fmt.Sprintf("E%d", i))
	}
	n := NewElementNames(append(names, "E0", "")...)
	if n.Len() != 601 {
		t.Fatalf("Len = %d, want 601", n.Len())
	}
	for i, name := range names {
		if n.ID(name) != ElementID(i+1) || n.lookup([]byte(name)) != ElementID(i+1) {
			t.Fatalf("%s numbered %d and looked up as %d, want %d", name, n.ID(name), n.lookup([]byte(name)), i+1)
		}
	}
	if n.lookup([]byte("E600")) != 0 || n.lookup([]byte("x")) != 0 {
		t.Error("an unknown name has a number")
	}
}

// TestScanXMLContainers reads a layout like the CIN census's, whose
// records sit inside a container (Message/Children/Child) beside records
// directly inside the root (Message/Header).
func TestScanXMLContainers(t *testing.T) {
	layout := &XMLLayout{Return: "CIN", Root: "Message", Containers: []string{"Children"},
		Names: NewElementNames("Header", "Children", "Child", "LAchildID")}
	data := "<Message><Header><Year>2026</Year></Header>\n<c:Children xmlns:c='u'>\n" +
		"<Child><LAchildID>1</LAchildID></Child>\n<Child><LAchildID>2</LAchildID></Child>\n</c:Children><Children/></Message>"
	var got []string
	_, err := ScanXML("x.xml", strings.NewReader(data), layout, func(rec *XMLRecord) {
		got = append(got, strings.Join(flatten(rec), " "))
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`Header=""@1:18 Message/Header Year="2026"@1:24 Message/Header/Year`,
		`Child=""@3:8 Message/Children/Child LAchildID="1"@3:19 Message/Children/Child/LAchildID`,
		`Child=""@4:8 Message/Children/Child LAchildID="2"@4:19 Message/Children/Child/LAchildID`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("records\n got %q\nwant %q", got, want)
	}
}

// TestScanXMLManyProblemsInOneRecord keeps reporting linear: a record of a
// hundred thousand unknown elements, each reported with its path, is read
// in well under the test's time limit.
func TestScanXMLManyProblemsInOneRecord(t *testing.T) {
	var b strings.Builder
	b.WriteString("<R><P>")
	for i := range 100000 {
		fmt.Fprintf(&b, "<U%d>x</U%d>", i, i)
	}
	b.WriteString("</P></R>")
	problems, err := ScanXML("x.xml", strings.NewReader(b.String()), toyLayout, func(rec *XMLRecord) { flatten(rec) })
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 100000 || problems[99999].Path != "R/P/U99999" {
		t.Errorf("%d problems, the last at %q", len(problems), problems[len(problems)-1].Path)
	}
}
