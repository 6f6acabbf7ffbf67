package cin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	small, err := os.ReadFile(filepath.Join("testdata", "small.xml"))
	if err != nil {
		t.Fatal(err)
	}
	ssda903, err := os.ReadFile(filepath.Join("..", "ssda903", "testdata", "small.xml"))
	if err != nil {
		t.Fatal(err)
	}
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range `<Message><Children><Child><ChildIdentifiers/></Child></Children></Message>` {
		utf16 = append(utf16, byte(r), 0)
	}
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"small census", small, true},
		{"cut short", small[:600], true},
		{"header only", []byte(`<?xml version="1.0" encoding="windows-1252"?><Message><Header><CollectionDetails><Collection> CIN </Collection>`), true},
		{"child first", []byte(`<m:Message xmlns:m="x"><m:Children><m:Child><m:ChildIdentifiers><m:LAchildID>1`), true},
		{"UTF-16", utf16, true},
		{"SSDA903", ssda903, false},
		{"other collection", []byte(`<Message><Header><CollectionDetails><Collection>SCHOOL</Collection></CollectionDetails></Header></Message>`), false},
		{"other root", []byte(`<Census><Children><Child><ChildIdentifiers/></Child></Children></Census>`), false},
		{"csv", []byte("LAchildID,Ethnicity\nC1,WBRI\n"), false},
		{"empty", nil, false},
		{"child outside children", []byte(`<Message><Child><ChildIdentifiers/></Child></Message>`), false},
		{"long junk", []byte(`<Message>` + strings.Repeat("<x/>", 20000) + `<Children><Child><ChildIdentifiers/>`), false},
	}
	for _, tt := range tests {
		if got := Sniff(tt.data); got != tt.want {
			t.Errorf("Sniff(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
