package browser

import (
	"strings"
	"testing"
)

// TestValidateRefuses checks the files the page refuses, and why.
func TestValidateRefuses(t *testing.T) {
	census := File{Name: "census.xml", Data: []byte(`<?xml version="1.0"?><Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header></Message>`)}
	header := File{Name: "header.csv", Data: []byte("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/01/2015,WBRI,A123456789012,,\n")}
	cases := []struct {
		name  string
		files []File
		want  string
	}{
		{"nothing chosen", nil, "no files chosen"},
		{"not a return's file", []File{{Name: "notes.txt", Data: []byte("x")}}, "notes.txt is not a file Village reads"},
		{"a census with other files", []File{header, census}, "census.xml is a CIN census: choose it alone"},
		{"one table twice", []File{header, {Name: "again.csv", Data: header.Data}}, "holds the Header table, which header.csv holds too"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Validate(c.files)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error saying %q", err, c.want)
			}
		})
	}
}
