package ssda903

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readSmall(t *testing.T) *Return {
	t.Helper()
	r, err := ReadDir(filepath.Join("testdata", "small"), 0, "E06000999")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReadDirSmall(t *testing.T) {
	r := readSmall(t)
	if r.Year != 2026 {
		t.Errorf("inferred year %s, want 2025/26", r.Year)
	}
	if len(r.Problems) != 0 {
		t.Errorf("unexpected problems: %v", r.Problems)
	}
	counts := map[TableName]int{Header: 3, Episodes: 5, Reviews: 2, UASC: 1, OC2: 1, OC3: 0, AD1: 0,
		PlacedAdoption: 0, PrevPerm: 1, Missing: 1, SWEpisodes: 1}
	for name, want := range counts {
		if got := r.Table(name).Len(); got != want {
			t.Errorf("%s has %d rows, want %d", name, got, want)
		}
	}
	if r.Table(DoLo) != nil {
		t.Error("DoLo present although the folder has no DoLo file")
	}
	if got := r.Table(Episodes).Get(2, "PLACE"); got != "K2" {
		t.Errorf("episode 3 PLACE = %q, want K2", got)
	}
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
			fatal: `x.xml:3: malformed XML: XML syntax error on line 3: element <HEADER> closed by </EXPSSDA903>; expected well-formed XML in the EXPSSDA903 layout`,
		},
		{
			name:  "truncated",
			data:  "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID>",
			fatal: `x.xml:2: malformed XML: XML syntax error on line 2: unexpected EOF; expected well-formed XML in the EXPSSDA903 layout`,
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
