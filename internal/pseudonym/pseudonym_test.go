package pseudonym

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testKey is a fixed key, so that the golden output does not change.
func testKey(t testing.TB, fill byte) Key {
	t.Helper()
	k, err := ParseKey(strings.Repeat(string("0123456789abcdef"[fill%16]), 2*KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestNormalise(t *testing.T) {
	tests := []struct {
		kind Kind
		in   string
		want string // "" when invalid
	}{
		{LAChildID, " c 12345 ", "C12345"},
		{LAChildID, "C12345", "C12345"},
		{LAChildID, "   ", ""},
		{LAChildID, strings.Repeat("A", 51), ""},
		{LAChildID, "A\x01B", ""},
		{UPN, "H801200001001", "H801200001001"},
		{UPN, "h801 2000 01001", "H801200001001"},
		{UPN, "A801200001001", ""},              // wrong check letter
		{UPN, "H80120000100", ""},               // 12 characters
		{UPN, "M20112345678a", "M20112345678A"}, // a temporary UPN ends in a letter
		{UPN, "M20112345678I", ""},              // I is never used
		{UPN, "Y9382605123X5", ""},              // a letter before the last place
		{NHSNumber, "943 476 5919", "9434765919"},
		{NHSNumber, "943-476-5919", "9434765919"},
		{NHSNumber, "9434765918", ""}, // wrong check digit
		{NHSNumber, "943476591", ""},  // nine digits
		{NHSNumber, "1000000010", ""}, // a check digit of 10: no such number
		{NHSNumber, "0000000000", "0000000000"},
	}
	for _, tt := range tests {
		got, err := tt.kind.Normalise(tt.in)
		if tt.want == "" {
			var inv *InvalidError
			if !errors.As(err, &inv) {
				t.Errorf("%s %q: got %q, %v; want an InvalidError", tt.kind, tt.in, got, err)
			}
			if err != nil && strings.Contains(err.Error(), strings.TrimSpace(tt.in)) && strings.TrimSpace(tt.in) != "" {
				t.Errorf("%s: the error %q quotes the identifier", tt.kind, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s %q: got %q, %v; want %q", tt.kind, tt.in, got, err, tt.want)
		}
	}
}

func TestPseudonyms(t *testing.T) {
	a, b := testKey(t, 1), testKey(t, 2)
	p1, err := a.Of(UPN, "H801200001001")
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := a.Of(UPN, " h8012 00001001")
	if p1 != p2 {
		t.Errorf("the same UPN written two ways has two pseudonyms: %s, %s", p1, p2)
	}
	if !IsPseudonym(p1) || len(p1) != Length {
		t.Errorf("pseudonym %q is not of the pseudonyms' form", p1)
	}
	if q, _ := b.Of(UPN, "H801200001001"); q == p1 {
		t.Error("another key gave the same pseudonym")
	}
	if q, _ := a.Of(LAChildID, "H801200001001"); q == p1 {
		t.Error("an LA child ID equal to a UPN has the UPN's pseudonym")
	}
	if p, err := a.Of(UPN, "A801200001001"); err == nil || p != "" {
		t.Errorf("an invalid UPN got a pseudonym %q", p)
	}
}

func TestKeys(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "key")
	if err := WriteKeyFile(path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the key file's mode is %v; want 0600", info.Mode().Perm())
	}
	if err := WriteKeyFile(path); err == nil {
		t.Error("a second key overwrote the first")
	}
	if _, err := ReadKeyFile(path); err != nil {
		t.Errorf("reading a new key: %v", err)
	}
	bad := []struct{ name, text string }{
		{"short", strings.Repeat("ab", KeySize-1)},
		{"not hex", strings.Repeat("zz", KeySize)},
		{"empty", ""},
	}
	for _, tt := range bad {
		p := filepath.Join(dir, tt.name)
		os.WriteFile(p, []byte(tt.text), 0o600)
		_, err := ReadKeyFile(p)
		if err == nil {
			t.Errorf("%s key read without error", tt.name)
		} else if tt.text != "" && strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s key: the error quotes the key: %v", tt.name, err)
		}
	}
	if _, err := ReadKeyFile(filepath.Join(dir, "absent")); err == nil {
		t.Error("an absent key file read without error")
	}
	if _, err := ReadKeyFile(dir); err == nil {
		t.Error("a folder read as a key file")
	}
	if s := testKey(t, 3).String(); strings.Contains(s, "333") {
		t.Errorf("a key prints its secret: %s", s)
	}
}

func TestParseColumns(t *testing.T) {
	tests := []struct {
		spec string
		want []Column
		ok   bool
	}{
		{"UPN", []Column{{"UPN", UPN}}, true},
		{"LAchildID,UPN", []Column{{"LAchildID", LAChildID}, {"UPN", UPN}}, true},
		{"pupil:upn, NHS No", []Column{{"pupil", UPN}, {"NHS No", NHSNumber}}, true},
		{"pupil", nil, false},
		{"pupil:passport", nil, false},
		{"UPN,", nil, false},
	}
	for _, tt := range tests {
		got, err := ParseColumns(tt.spec)
		if (err == nil) != tt.ok || tt.ok && !equalColumns(got, tt.want) {
			t.Errorf("ParseColumns(%q) = %v, %v; want %v (ok %v)", tt.spec, got, err, tt.want, tt.ok)
		}
	}
}

func equalColumns(a, b []Column) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Two partners, a school and a holiday programme provider, write the same
// children's identifiers differently and pseudonymise their own files
// with the council's key: their pseudonyms link; under another key they
// do not.
func TestTwoPartnersLink(t *testing.T) {
	school := "UPN,Year group\nH801200001001,5\nY938260512345,6\n"
	provider := "Name of programme,Pupil UPN,NHS\nsummer,y9382 6051 2345,943 476 5919\nsummer,h801200001001,\n"
	cols := func(spec string) []Column {
		c, err := ParseColumns(spec)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	key := testKey(t, 1)
	a := pseudonymise(t, key, school, cols("UPN"))
	b := pseudonymise(t, key, provider, cols("Pupil UPN:upn,NHS"))
	if a[1][0] != b[2][1] || a[2][0] != b[1][1] {
		t.Errorf("the same children's UPNs did not link: %v and %v", a, b)
	}
	other := pseudonymise(t, testKey(t, 2), provider, cols("Pupil UPN:upn,NHS"))
	if other[2][1] == a[1][0] || other[1][1] == a[2][0] {
		t.Error("pseudonyms under another key linked")
	}
	if b[2][2] != "" {
		t.Errorf("a blank NHS number became %q", b[2][2])
	}
}

func pseudonymise(t *testing.T, key Key, text string, cols []Column) [][]string {
	t.Helper()
	var out bytes.Buffer
	sum, err := key.CSV("in.csv", strings.NewReader(text), &out, cols)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Invalid > 0 {
		t.Fatalf("invalid identifiers: %v", sum.Problems)
	}
	var rows [][]string
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		rows = append(rows, strings.Split(line, ","))
	}
	return rows
}

func TestCSVGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/partner.csv")
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := ParseColumns("LAchildID,UPN,NHS number")
	var out bytes.Buffer
	sum, err := testKey(t, 7).CSV("partner.csv", bytes.NewReader(in), &out, cols)
	if err != nil {
		t.Fatal(err)
	}
	var report bytes.Buffer
	report.Write(out.Bytes())
	report.WriteString("--\n")
	for _, p := range sum.Problems {
		report.WriteString(p.Error() + "\n")
	}
	golden := "testdata/partner.golden"
	if *update {
		os.WriteFile(golden, report.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(report.Bytes(), want) {
		t.Errorf("output differs from %s (run with -update if meant):\n%s", golden, report.String())
	}
	if sum.Rows != 5 || sum.Invalid != 2 {
		t.Errorf("rows %d, invalid %d; want 5, 2", sum.Rows, sum.Invalid)
	}
	for _, raw := range []string{"A801200001001", "9434765918", "C99"} {
		if strings.Contains(report.String(), raw) {
			t.Errorf("the output or its report holds the identifier %s", raw)
		}
	}
}

func TestCSVErrors(t *testing.T) {
	cols, _ := ParseColumns("UPN")
	tests := []struct{ name, in, want string }{
		{"empty", "", "the file is empty"},
		{"no column", "ID,Name\n1,2\n", "the header has no such column"},
		{"bad quote", "UPN,Name\n\"H801200001001,x\n", "malformed CSV"},
	}
	for _, tt := range tests {
		_, err := testKey(t, 1).CSV("in.csv", strings.NewReader(tt.in), &bytes.Buffer{}, cols)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "in.csv") {
			t.Errorf("%s: error %v; want one naming in.csv saying %q", tt.name, err, tt.want)
		}
	}
}

func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"H801200001001", "943 476 5919", "c123", "", "M20112345678A", "\xff"} {
		f.Add(s)
	}
	key := testKey(f, 1)
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range []Kind{LAChildID, UPN, NHSNumber} {
			n, err := k.Normalise(s)
			if err != nil {
				if n != "" {
					t.Fatalf("%s: an invalid identifier normalised to %q", k, n)
				}
				continue
			}
			if again, err := k.Normalise(n); err != nil || again != n {
				t.Fatalf("%s: normalising %q again gives %q, %v", k, n, again, err)
			}
			if p := key.normalised(k, n); !IsPseudonym(p) {
				t.Fatalf("%s: pseudonym %q not of the form", k, p)
			}
		}
	})
}

func FuzzCSV(f *testing.F) {
	f.Add("UPN,x\nH801200001001,1\n")
	f.Add("UPN\n\"a\nb\",\n")
	f.Add("\xef\xbb\xbfupn,NHS\n,943 476 5919\nbad,bad\n")
	key := testKey(f, 1)
	cols := []Column{{"UPN", UPN}}
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		sum, err := key.CSV("f.csv", strings.NewReader(in), &out, cols)
		if err != nil {
			return
		}
		if sum.Done+sum.Blank+sum.Invalid > sum.Rows {
			t.Fatalf("counted %d identifiers in %d rows", sum.Done+sum.Blank+sum.Invalid, sum.Rows)
		}
	})
}
