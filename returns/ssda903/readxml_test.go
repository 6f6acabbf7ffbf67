package ssda903

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite golden files")

// readSmall reads the CSV files of testdata/small, the way package
// folder does, without the file system package's help.
func readSmall(t *testing.T) *Return {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "small", "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r := NewReturn(2026, "E06000999")
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		table, _, err := ReadCSV(p, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		r.Tables[table.Name()] = table
	}
	return r
}

// TestXMLGolden writes the small return as XML, compares it with the golden
// file, and reads it back: every table must come back as it went in.
func TestXMLGolden(t *testing.T) {
	r := readSmall(t)
	var buf bytes.Buffer
	if err := WriteXML(&buf, r); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "small.xml")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("WriteXML output differs from %s; run go test -update to see the change in git diff", golden)
	}
	tables, problems, err := ReadXML("small.xml", bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Errorf("unexpected problems: %v", problems)
	}
	for name, t0 := range r.Tables {
		t1 := tables[name]
		if t0.Len() == 0 && t1.Len() == 0 {
			continue
		}
		if name == Header {
			// The CSV files have no UASC flag; the XML derives it from the UASC table.
			for i, want := range []string{"0", "0", "1"} {
				if got := t1.Get(i, "UASC"); got != want {
					t.Errorf("Header row %d UASC = %q, want %q", i+1, got, want)
				}
				t1.Rows[i].Values[t1.Schema.Index("UASC")] = ""
			}
		}
		if !reflect.DeepEqual(values(t0), values(t1)) {
			t.Errorf("%s after the round trip:\n got %q\nwant %q", name, values(t1), values(t0))
		}
	}
}

func values(t *Table) [][]string {
	if t == nil {
		return nil
	}
	out := make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = r.Values
	}
	return out
}

func TestReadXMLBadInput(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		fatal string
		other string
	}{
		{
			name:  "not xml",
			data:  "CHILD,DOB\n",
			fatal: `x.xml: no root element; expected an EXPSSDA903 element`,
		},
		{
			name:  "wrong root",
			data:  "<Message><Header/></Message>",
			fatal: `x.xml:1:10: "Message" is not an SSDA903 return; expected the root element EXPSSDA903`,
		},
		{
			name:  "unclosed element",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID>\n</EXPSSDA903>",
			fatal: `x.xml:3:1: malformed XML: end tag </EXPSSDA903> where </HEADER> was expected, to end the <HEADER> begun on line 2; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "truncated",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID>",
			fatal: `x.xml:2:36: malformed XML: the file ends inside <HEADER>, begun on line 2, before its end tag </HEADER>; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "mismatched end tag",
			data:  "<EXPSSDA903>\n<CHILD><HEADER></CHILD>\n</EXPSSDA903>",
			fatal: `x.xml:2:16: malformed XML: end tag </CHILD> where </HEADER> was expected, to end the <HEADER> begun on line 2; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "end tag with nothing open",
			data:  "<EXPSSDA903>\n</EXPSSDA903>\n</CHILD>",
			fatal: `x.xml:3:1: malformed XML: end tag </CHILD> outside the root element; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "end of file in a start tag",
			data:  "<EXPSSDA903>\n<CHILD><HEADER a=\"1\"",
			fatal: `x.xml:2:21: malformed XML: the file ends inside the start tag of <HEADER>, begun on line 2; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "end of file in a comment",
			data:  "<EXPSSDA903>\n<!-- a comment\n",
			fatal: `x.xml:3:1: malformed XML: the file ends inside a comment, begun on line 2; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "end of file in the root",
			data:  "\ufeff<EXPSSDA903>\n<CHILD><HEADER/></CHILD>",
			fatal: `x.xml:2:25: malformed XML: the file ends inside <EXPSSDA903>, begun on line 1, before its end tag </EXPSSDA903>; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "unknown entity",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><UPN>A&nbsp;B</UPN></HEADER></CHILD></EXPSSDA903>",
			fatal: `x.xml:2:22: malformed XML: unknown entity "&nbsp;" (XML has only &lt; &gt; &amp; &apos; &quot;); expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "bare ampersand",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><UPN>Smith & Sons</UPN></HEADER></CHILD></EXPSSDA903>",
			fatal: `x.xml:2:27: malformed XML: "&" not followed by an entity or character reference ending in ";" (write &amp; for "&" in text); expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "reference to a character XML forbids",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><UPN>&#0;</UPN></HEADER></CHILD></EXPSSDA903>",
			fatal: `x.xml:2:21: malformed XML: character reference "&#0;" is not an XML character; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "reference to a surrogate",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><UPN>&#xD800;</UPN></HEADER></CHILD></EXPSSDA903>",
			fatal: `x.xml:2:21: malformed XML: character reference "&#xD800;" is not an XML character; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "text after the root",
			data:  "<EXPSSDA903>\n</EXPSSDA903>\ntrailing text\n",
			fatal: `x.xml:3:1: malformed XML: text after the end of the root element EXPSSDA903; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "second root element",
			data:  "<EXPSSDA903/><!-- a comment is allowed -->\n<CHILD/>",
			fatal: `x.xml:2:1: malformed XML: element <CHILD> after the end of the root element EXPSSDA903; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "text before the root",
			data:  "junk\n<EXPSSDA903/>",
			fatal: `x.xml:1:1: malformed XML: text before the root element; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "less-than not starting a tag",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><UPN>a < b</UPN></HEADER></CHILD></EXPSSDA903>",
			fatal: `x.xml:2:23: malformed XML: "<" not followed by an element name (write &lt; for "<" in text); expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "CDATA end in text",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><UPN>a]]>b</UPN></HEADER></CHILD></EXPSSDA903>",
			fatal: `x.xml:2:22: malformed XML: "]]>" in text outside a CDATA section; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "control character",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><UPN>a\x01b</UPN></HEADER></CHILD></EXPSSDA903>",
			fatal: `x.xml:2:22: malformed XML: character U+0001 is not allowed in XML; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "unquoted attribute",
			data:  "<EXPSSDA903>\n<CHILD x=1/></EXPSSDA903>",
			fatal: `x.xml:2:10: malformed XML: the value of attribute x in the start tag <CHILD> is not quoted; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "attributes not separated",
			data:  "<EXPSSDA903>\n<CHILD x=\"1\"y=\"2\"/></EXPSSDA903>",
			fatal: `x.xml:2:13: malformed XML: unexpected 'y' in the start tag <CHILD>; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "two colons in a name",
			data:  "<EXPSSDA903>\n<a:b:CHILD/></EXPSSDA903>",
			fatal: `x.xml:2:2: malformed XML: element name "a:b:CHILD" has more than one colon; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "declaration not at the start",
			data:  "<EXPSSDA903>\n<?xml version=\"1.0\"?></EXPSSDA903>",
			fatal: `x.xml:2:1: malformed XML: a processing instruction named "xml", a name reserved for the XML declaration at the start of the file; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "XML 1.1",
			data:  "<?xml version=\"1.1\"?>\n<EXPSSDA903/>",
			fatal: `x.xml:1:7: malformed XML: unsupported XML version "1.1" (Village reads version 1.0); expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "invalid UTF-8",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><UPN>caf\xe9</UPN></HEADER></CHILD></EXPSSDA903>",
			fatal: `x.xml:2:24: malformed XML: byte 0xE9 is not UTF-8 and the file declares no other encoding; expected UTF-8 text, or an XML declaration naming the encoding, such as <?xml version="1.0" encoding="windows-1252"?>`,
		},
		{
			name:  "unsupported encoding",
			data:  "<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?>\n<EXPSSDA903/>",
			fatal: `x.xml:1:1: encoding: "EBCDIC-US" is not a character encoding Village reads; expected an XML declaration naming UTF-8, US-ASCII, windows-1252 or ISO-8859-1 (or UTF-16, with a byte-order mark)`,
		},
		{
			name:  "UTF-16 declared without a byte-order mark",
			data:  "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<EXPSSDA903/>",
			fatal: `x.xml:1:1: encoding: "UTF-16" is declared but the file has no UTF-16 byte-order mark; expected an XML declaration naming UTF-8, US-ASCII, windows-1252 or ISO-8859-1 (or UTF-16, with a byte-order mark)`,
		},
		{
			name:  "malformed date",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID>\n<DOB>2012-02-03</DOB></HEADER></CHILD></EXPSSDA903>",
			other: `x.xml:3:6: DOB: "2012-02-03"; expected a date written DD/MM/YYYY`,
		},
		{
			name:  "unknown element",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID><NICKNAME>x</NICKNAME></HEADER></CHILD></EXPSSDA903>",
			other: `x.xml:2:46: warning: "NICKNAME" unknown element inside HEADER ignored (reported once)`,
		},
		{
			name:  "child without header",
			data:  "<EXPSSDA903>\n<CHILD><EPISODE><DECOM>01/04/2025</DECOM></EPISODE></CHILD></EXPSSDA903>",
			other: `x.xml:2:8: CHILD: has no HEADER element; expected a HEADER with the child's CHILDID`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tables, problems, err := ReadXML("x.xml", strings.NewReader(tt.data))
			if tt.fatal != "" {
				if err == nil || err.Error() != tt.fatal {
					t.Errorf("error:\n got %v\nwant %s", err, tt.fatal)
				}
				if tables != nil {
					t.Error("tables came back with a fatal error")
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected fatal error: %v", err)
			}
			if len(problems) == 0 || problems[0].Error() != tt.other {
				t.Errorf("problems:\n got %v\nwant %s", problems, tt.other)
			}
		})
	}
}

// utf16 encodes s as UTF-16 with a byte-order mark.
func utf16(t *testing.T, order unicode.Endianness, s string) string {
	t.Helper()
	out, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadXMLAccepts reads well-formed documents in the encodings and with
// the constructs XML allows; want lists the tables that have rows.
func TestReadXMLAccepts(t *testing.T) {
	header := func(child, upn string) []string { return []string{child, "", "", "", upn, "", "", ""} }
	lines := "<?xml version='1.0' encoding='UTF-16'?>\n<EXPSSDA903>\n <CHILD>\n  <HEADER>\n   <CHILDID>Zo\u00eb</CHILDID>\n" +
		"  </HEADER>\n  <EPISODE><PL>K2</PL></EPISODE>\n </CHILD>\n</EXPSSDA903>\n"
	tests := []struct {
		name     string
		data     string
		want     map[TableName][][]string
		lines    map[TableName][]int
		problems []string
	}{
		{
			name: "windows-1252 declared",
			data: "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n" +
				"<EXPSSDA903><CHILD><HEADER><CHILDID>Zo\xeb</CHILDID><UPN>\x80 \x93x\x94</UPN></HEADER></CHILD></EXPSSDA903>",
			want: map[TableName][][]string{Header: {header("Zo\u00eb", "\u20ac \u201cx\u201d")}},
		},
		{
			name: "ISO-8859-1 declared",
			data: "<?xml version='1.0' encoding='ISO-8859-1' standalone='yes'?>" +
				"<EXPSSDA903><CHILD><HEADER><CHILDID>Ren\xe9e</CHILDID></HEADER></CHILD></EXPSSDA903>",
			want: map[TableName][][]string{Header: {header("Ren\u00e9e", "")}},
		},
		{
			name: "US-ASCII declared",
			data: "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID></HEADER></CHILD></EXPSSDA903>",
			want: map[TableName][][]string{Header: {header("1", "")}},
		},
		{
			name:  "UTF-16 little-endian with a byte-order mark",
			data:  utf16(t, unicode.LittleEndian, lines),
			want:  map[TableName][][]string{Header: {header("Zo\u00eb", "")}, Episodes: {{"Zo\u00eb", "", "", "", "", "K2", "", "", "", "", "", "", ""}}},
			lines: map[TableName][]int{Header: {4}, Episodes: {7}},
		},
		{
			name:  "UTF-16 big-endian with a byte-order mark",
			data:  utf16(t, unicode.BigEndian, lines),
			want:  map[TableName][][]string{Header: {header("Zo\u00eb", "")}, Episodes: {{"Zo\u00eb", "", "", "", "", "K2", "", "", "", "", "", "", ""}}},
			lines: map[TableName][]int{Header: {4}, Episodes: {7}},
		},
		{
			// Columns on line 1 count the UTF-8 byte-order mark's three bytes.
			name:     "UTF-8 byte-order mark",
			data:     "\ufeff<EXPSSDA903><CHILD><HEADER><DOB>x</DOB></HEADER></CHILD></EXPSSDA903>",
			want:     map[TableName][][]string{Header: {{"", "", "x", "", "", "", "", ""}}},
			problems: []string{`x.xml:1:36: DOB: "x"; expected a date written DD/MM/YYYY`},
		},
		{
			name: "CDATA section",
			data: "<EXPSSDA903><CHILD><HEADER><CHILDID><![CDATA[ <a&b>\r\n]]]]></CHILDID></HEADER></CHILD></EXPSSDA903>",
			want: map[TableName][][]string{Header: {header("<a&b>\n]]", "")}},
		},
		{
			name: "comments and processing instructions",
			data: "<?xml version=\"1.0\"?><!-- before --><?app x?><EXPSSDA903><!-- - -->" +
				"<CHILD><HEADER><CHILDID>1<!-- x -->2<?pi y?>3</CHILDID></HEADER></CHILD></EXPSSDA903><!-- after -->",
			want: map[TableName][][]string{Header: {header("123", "")}},
		},
		{
			name: "entities and character references",
			data: "<EXPSSDA903><CHILD><HEADER><CHILDID>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x20ac;&#13;</CHILDID></HEADER></CHILD></EXPSSDA903>",
			want: map[TableName][][]string{Header: {header("<>&'\"AB\u20ac", "")}},
		},
		{
			name: "namespace prefixes",
			data: `<s:EXPSSDA903 xmlns:s="urn:x"><s:CHILD><s:HEADER><s:CHILDID>7</s:CHILDID></s:HEADER>` +
				`<s:EPISODE><s:PL>K2</s:PL></s:EPISODE></s:CHILD></s:EXPSSDA903>`,
			want: map[TableName][][]string{Header: {header("7", "")}, Episodes: {{"7", "", "", "", "", "K2", "", "", "", "", "", "", ""}}},
		},
		{
			name: "DOCTYPE, attributes, line ends and white space",
			data: "<!DOCTYPE EXPSSDA903 [\r\n<!ELEMENT CHILD ANY> <!-- ] > -->\r\n]>\r\n" +
				"<EXPSSDA903 a='x > y'\r\n b=\"&amp;\">\r\n<CHILD>\r\n<HEADER\r\n>\r\n<CHILDID> 1 </CHILDID>\r\n" +
				"<UPN>\r\n a\r\nb\rc\t</UPN>\r\n<AREVIEW><REVIEW>x</REVIEW></AREVIEW>\r\n</HEADER >\r\n</CHILD>\r\n</EXPSSDA903>\r\n",
			want:     map[TableName][][]string{Header: {header("1", "a\nb\nc")}, Reviews: {{"1", "", "x", ""}}},
			lines:    map[TableName][]int{Header: {8}, Reviews: {13}},
			problems: []string{`x.xml:13:18: REVIEW: "x"; expected a date written DD/MM/YYYY`},
		},
		{
			name: "element with child elements",
			data: "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID><UPN>x<B>y</B>z</UPN></HEADER></CHILD></EXPSSDA903>",
			want: map[TableName][][]string{Header: {header("1", "")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tables, problems, err := ReadXML("x.xml", strings.NewReader(tt.data))
			if err != nil {
				t.Fatalf("unexpected fatal error: %v", err)
			}
			for _, s := range Schemas {
				if got, want := values(tables[s.Name]), tt.want[s.Name]; len(got)+len(want) > 0 && !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %q, want %q", s.Name, got, want)
				}
			}
			for name, want := range tt.lines {
				var got []int
				for _, r := range tables[name].Rows {
					got = append(got, r.Line)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s rows are on lines %v, want %v", name, got, want)
				}
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.Error())
			}
			if !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}

func TestReadXMLMapsEveryTable(t *testing.T) {
	data := `<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER>
      <CHILDID>77</CHILDID><UPN>UN1</UPN><SEX>F</SEX><DOB>01/02/2010</DOB><ETHNIC>WBRI</ETHNIC>
      <UASC>1</UASC><DUC>01/02/2028</DUC>
      <DATE_INT>01/05/2024</DATE_INT><DATE_MATCH>01/08/2024</DATE_MATCH><FOSTER_CARE>0</FOSTER_CARE>
      <NB_ADOPTR>2</NB_ADOPTR><SEX_ADOPTR>MF</SEX_ADOPTR><LS_ADOPTR>L11</LS_ADOPTR>
      <IN_TOUCH>YES</IN_TOUCH><ACTIV>F2</ACTIV><ACCOM>U1</ACCOM>
      <AMISSING><MISSING>M</MISSING><MIS_START>02/06/2025</MIS_START></AMISSING>
      <AREVIEW><REVIEW>03/06/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
      <MOTHER>0</MOTHER>
      <PERMANENCE><PREV_PERM>Z1</PREV_PERM></PERMANENCE>
      <OC2><SDQ_SCORE>12</SDQ_SCORE><CONVICTED>0</CONVICTED></OC2>
      <AD_PLACED><DATE_PLACED>01/05/2024</DATE_PLACED></AD_PLACED>
    </HEADER>
    <EPISODE><DECOM>01/04/2025</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N8</CIN><PL>K3</PL></EPISODE>
    <SW_EPISODE><SW_ID>SW9</SW_ID><SW_DECOM>01/04/2025</SW_DECOM></SW_EPISODE>
    <DOLO><DOLO_START>05/04/2025</DOLO_START></DOLO>
  </CHILD>
</EXPSSDA903>`
	tables, problems, err := ReadXML("all.xml", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Fatalf("unexpected problems: %v", problems)
	}
	want := map[TableName][]string{
		Header:         {"77", "F", "01/02/2010", "WBRI", "UN1", "0", "", "1"},
		UASC:           {"77", "F", "01/02/2010", "01/02/2028"},
		AD1:            {"77", "01/02/2010", "01/05/2024", "01/08/2024", "0", "2", "MF", "L11"},
		OC3:            {"77", "01/02/2010", "YES", "F2", "U1"},
		Missing:        {"77", "01/02/2010", "M", "02/06/2025", ""},
		Reviews:        {"77", "01/02/2010", "03/06/2025", "PN1"},
		PrevPerm:       {"77", "01/02/2010", "Z1", "", ""},
		OC2:            {"77", "01/02/2010", "12", "", "0", "", "", "", "", "", "", ""},
		PlacedAdoption: {"77", "01/02/2010", "01/05/2024", "", ""},
		Episodes:       {"77", "01/04/2025", "S", "V2", "N8", "K3", "", "", "", "", "", "", ""},
		SWEpisodes:     {"77", "01/02/2010", "SW9", "01/04/2025", "", ""},
		DoLo:           {"77", "01/02/2010", "05/04/2025", ""},
	}
	if len(tables) != len(want) {
		t.Errorf("got %d tables, want %d", len(tables), len(want))
	}
	for name, row := range want {
		if tables[name].Len() != 1 || !reflect.DeepEqual(tables[name].Rows[0].Values, row) {
			t.Errorf("%s = %q, want one row %q", name, values(tables[name]), row)
		}
	}
}
