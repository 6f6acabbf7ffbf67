package ssda903

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func readCSVString(t *testing.T, text string) (*Table, Problems, error) {
	t.Helper()
	return ReadCSV("test.csv", strings.NewReader(text))
}

func TestReadCSVRecognisesTables(t *testing.T) {
	tests := []struct {
		name   string
		header string
		want   TableName
	}{
		{"header in order", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", Header},
		{"header shuffled, lower case, spaced", " upn ,Child,sex,DOB,Ethnic,mc_dob,MOTHER", Header},
		{"uasc", "CHILD,SEX,DOB,DUC", UASC},
		{"reviews", "CHILD,DOB,REVIEW,REVIEW_CODE", Reviews},
		{"episodes", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN", Episodes},
		{"missing", "CHILD,DOB,MISSING,MIS_START,MIS_END", Missing},
		{"dolo", "CHILD,DOB,DOLO_START,DOLO_END", DoLo},
		{"sw episodes", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON", SWEpisodes},
		{"prevperm", "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM", PrevPerm},
		{"placed adoption", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED", PlacedAdoption},
		{"ad1", "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR", AD1},
		{"oc3", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", OC3},
		{"oc2", "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED", OC2},
		{"header plus uasc's DUC", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,DUC", Header},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, _, err := readCSVString(t, tt.header+"\n")
			if err != nil {
				t.Fatal(err)
			}
			if table.Name() != tt.want {
				t.Errorf("recognised as %s, want %s", table.Name(), tt.want)
			}
		})
	}
}

func TestReadCSVKeepsRawTextInSchemaOrder(t *testing.T) {
	text := "DOB, child ,REVIEW_CODE,REVIEW\r\n03/02/2012,0042, pn1 ,1/7/2025\r\n"
	table, problems, err := readCSVString(t, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Errorf("unexpected problems: %v", problems)
	}
	want := []string{"0042", "03/02/2012", "1/7/2025", " pn1 "}
	if got := table.Rows[0].Values; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("row = %q, want %q", got, want)
	}
	if table.Rows[0].Line != 2 {
		t.Errorf("row line = %d, want 2", table.Rows[0].Line)
	}
}

func TestReadCSVOptionalColumn(t *testing.T) {
	without, _, err := readCSVString(t, "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/01/2010,WBRI,UN1,,\n")
	if err != nil {
		t.Fatal(err)
	}
	if without.Has("UASC") || !without.Has("SEX") || without.Get(0, "UASC") != "" {
		t.Errorf("without the UASC column: Has(UASC)=%v, value %q", without.Has("UASC"), without.Get(0, "UASC"))
	}
	with, _, err := readCSVString(t, "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,uasc\n1,M,01/01/2010,WBRI,UN1,,,1\n")
	if err != nil {
		t.Fatal(err)
	}
	if !with.Has("UASC") || with.Get(0, "UASC") != "1" {
		t.Errorf("with the UASC column: Has(UASC)=%v, value %q", with.Has("UASC"), with.Get(0, "UASC"))
	}
	var buf strings.Builder
	if err := WriteCSV(&buf, with); err != nil {
		t.Fatal(err)
	}
	if want := "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/01/2010,WBRI,UN1,,\n"; buf.String() != want {
		t.Errorf("written as %q, want the DfE layout %q", buf.String(), want)
	}
}

func TestReadCSVEncodings(t *testing.T) {
	body := "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nRenée,F,01/01/2010,WBRI,UN1,,\r\n"
	cp1252, err := charmap.Windows1252.NewEncoder().String(body)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(body)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, data string }{
		{"utf-8", body},
		{"utf-8 with BOM", "\uFEFF" + body},
		{"windows-1252", cp1252},
		{"utf-16 with BOM", utf16},
		{"lf endings", strings.ReplaceAll(body, "\r\n", "\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, _, err := ReadCSV("enc.csv", strings.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := table.Get(0, "CHILD"); got != "Renée" {
				t.Errorf("CHILD = %q, want Renée", got)
			}
		})
	}
}

// TestReadCSVBadInput lists each class of bad input and the exact message it gets.
func TestReadCSVBadInput(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		fatal string // the whole error, or ""
		other string // the first non-fatal problem, or ""
	}{
		{
			name:  "empty file",
			data:  "",
			fatal: `test.csv: the file is empty; expected a header row naming the columns`,
		},
		{
			name:  "missing required column",
			data:  "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n",
			fatal: `test.csv:1: looks like the Episodes table but lacks the column(s) REC; expected the columns CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN`,
		},
		{
			name:  "unknown table",
			data:  "NAME,ADDRESS\nx,y\n",
			fatal: `test.csv:1: "ADDRESS,NAME" these column headings match no SSDA903 table; if test.csv is not part of the return, move it out of the folder; expected the headings of one of Header, Episodes, Reviews, UASC, OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing, SWEpisodes, DoLo`,
		},
		{
			name:  "duplicate column",
			data:  "CHILD,DOB,REVIEW,REVIEW_CODE,review\n",
			fatal: `test.csv:1:5: REVIEW: column heading appears twice (also column 3); expected each column once`,
		},
		{
			name:  "row with too few fields",
			data:  "CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/05/2025,PN1\n2,01/01/2010\n",
			fatal: `test.csv:3: "2" fields in this row; expected 4 fields, one per column of the header`,
		},
		{
			name:  "bare quote",
			data:  "CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/05\"/2025,PN1\n",
			fatal: `test.csv:2: malformed CSV at character 19 of the line: bare " in non-quoted-field; expected fields separated by commas, with any quotes doubled inside a quoted field`,
		},
		{
			name:  "malformed date",
			data:  "CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,2025-05-01,PN1\n",
			other: `test.csv:2:3: REVIEW: "2025-05-01"; expected a date written DD/MM/YYYY`,
		},
		{
			name:  "impossible date",
			data:  "CHILD,DOB,REVIEW,REVIEW_CODE\n1,31/02/2010,01/05/2025,PN1\n",
			other: `test.csv:2:2: DOB: "31/02/2010"; expected a date written DD/MM/YYYY`,
		},
		{
			name:  "bad partial date",
			data:  "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\n1,01/01/2010,P1,,ZZ/5/19\n",
			other: `test.csv:2:5: DATE_PERM: "ZZ/5/19"; expected a date written DD/MM/YYYY with ZZ for an unknown day or month and ZZZZ for an unknown year`,
		},
		{
			name:  "non-numeric SDQ score",
			data:  "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n1,01/01/2010,twelve,,0,1,1,1,1,0,,\n",
			other: `test.csv:2:3: SDQ_SCORE: "twelve"; expected a whole number`,
		},
		{
			name:  "extra unknown column",
			data:  "CHILD,DOB,REVIEW,REVIEW_CODE,NOTES\n1,01/01/2010,01/05/2025,PN1,x\n",
			other: `test.csv:1:5: warning: "NOTES" unknown column ignored; expected only the Reviews columns CHILD, DOB, REVIEW, REVIEW_CODE`,
		},
		{
			name:  "blank rows",
			data:  "CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/05/2025,PN1\n,,,\n, ,,\n",
			other: `test.csv: warning: 2 blank rows ignored`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, problems, err := readCSVString(t, tt.data)
			if tt.fatal != "" {
				if err == nil {
					t.Fatalf("no error, want %s", tt.fatal)
				}
				if err.Error() != tt.fatal {
					t.Errorf("error:\n got %s\nwant %s", err, tt.fatal)
				}
				if table != nil {
					t.Error("a table came back with a fatal error")
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected fatal error: %v", err)
			}
			if len(problems) == 0 {
				t.Fatalf("no problems, want %s", tt.other)
			}
			if problems[0].Error() != tt.other {
				t.Errorf("problem:\n got %s\nwant %s", problems[0], tt.other)
			}
		})
	}
}
