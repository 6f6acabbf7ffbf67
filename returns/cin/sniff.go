package cin

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffLength is how much of a file Sniff reads: the Header and the first
// Child's identifiers come well within it.
const sniffLength = 64 << 10

// Sniff reports whether data, an XML file or its first 64 KB, is a CIN
// census: its root element is Message and it holds a
// Children/Child/ChildIdentifiers, or a Header whose
// CollectionDetails/Collection is CIN. An SSDA903 file, whose root is
// EXPSSDA903, is not one; nor is a CSV file. Namespace prefixes are
// ignored, as the reader ignores them.
func Sniff(data []byte) bool {
	data = data[:min(len(data), sniffLength)]
	var r io.Reader = bytes.NewReader(data)
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		decoder := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		r = transform.NewReader(r, unicode.BOMOverride(decoder))
	}
	d := xml.NewDecoder(r)
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be":
			return input, nil
		case "windows-1252", "cp1252":
			return charmap.Windows1252.NewDecoder().Reader(input), nil
		case "iso-8859-1", "latin1":
			return charmap.ISO8859_1.NewDecoder().Reader(input), nil
		}
		return nil, errors.New("unknown encoding")
	}
	var path []string
	for {
		token, err := d.Token()
		if err != nil {
			return false
		}
		switch t := token.(type) {
		case xml.StartElement:
			if len(path) == 0 && t.Name.Local != "Message" {
				return false
			}
			path = append(path, t.Name.Local)
			if strings.Join(path, "/") == "Message/Children/Child/ChildIdentifiers" {
				return true
			}
		case xml.EndElement:
			if len(path) == 0 {
				return false
			}
			path = path[:len(path)-1]
		case xml.CharData:
			if strings.Join(path, "/") == "Message/Header/CollectionDetails/Collection" &&
				string(bytes.TrimSpace(t)) == "CIN" {
				return true
			}
		}
	}
}
