package returns

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzReadCSV checks that no input makes the shared CSV reader panic, that
// a fatal error comes alone and holds a fatal problem, and that every row
// read has one value per column and survives being written and read again.
func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{"", "ID,BORN,KIND\n1,01/01/2010,A\n", "\xef\xbb\xbfid,day,score,kind\r\n1,x,\"2\"\"\",B\r\n",
		"LA,SINCE\n\"1\n2\",ZZ/ZZ/2020\n", "\xff\xfeI\x00D\x00", "ID,KIND\n", "ID,BORN,KIND,NOTE,NOTE\n", "ID,BORN,KIND\n1,2\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		table, problems, err := toy.ReadCSV("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			if table != nil || problems != nil {
				t.Fatal("a fatal error came with a table or problems")
			}
			if AsProblems(err, "fuzz.csv").Worst() != Fatal {
				t.Fatal("the error holds no fatal problem")
			}
			return
		}
		for _, r := range table.Rows {
			if len(r.Values) != len(table.Schema.Columns) {
				t.Fatalf("row at line %d has %d values for %d columns", r.Line, len(r.Values), len(table.Schema.Columns))
			}
		}
		for _, p := range problems {
			if p.Severity == Fatal {
				t.Fatalf("fatal problem without an error: %v", p)
			}
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, table); err != nil {
			t.Fatal(err)
		}
		again, _, err := toy.ReadCSV("again.csv", &buf)
		if err != nil {
			t.Fatalf("rereading what was written: %v", err)
		}
		if again.Name() != table.Name() || again.Len() != table.Len() {
			t.Fatalf("%s of %d rows came back as %s of %d", table.Name(), table.Len(), again.Name(), again.Len())
		}
	})
}

// FuzzScanXML checks that no input makes the XML scanner panic, that a
// fatal error comes alone, and that every record handed over is a
// well-formed tree whose elements' paths start at the root.
func FuzzScanXML(f *testing.F) {
	for _, seed := range []string{"<R><P><ID>1</ID><V><DAY>x</DAY></V></P></R>", "<?xml version='1.0' encoding='windows-1252'?><R><P>\xe9</P></R>",
		"<!DOCTYPE R [<!ELEMENT R ANY>]><R a='1'><!-- c --><?pi x?><P><![CDATA[a]]>&#65;</P></R>", "\xfe\xff\x00<\x00R\x00/\x00>",
		"<R><P><ID>1<ID></P></R>", "<a:R><a:P/></a:R>", "<R>]]></R>", "<R><P>&#xD800;</P></R>"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		problems, err := ScanXML("fuzz.xml", bytes.NewReader(data), toyLayout, func(rec *XMLRecord) {
			n := int32(len(rec.Elements))
			for k := range n {
				e := &rec.Elements[k]
				if (k == 0) != (e.Parent == -1) || e.Parent >= k {
					t.Fatalf("element %d has the parent %d", k, e.Parent)
				}
				for _, link := range []int32{e.First, e.Last, e.Next} {
					if link < -1 || link >= n || link == k {
						t.Fatalf("element %d links to %d of %d", k, link, n)
					}
				}
				if e.HasChildren && rec.Text(k) != "" {
					t.Fatalf("element %d has child elements and text", k)
				}
				if !strings.HasPrefix(rec.Path(k), "R/") || !strings.HasSuffix(rec.Path(k), rec.Name(k)) {
					t.Fatalf("element %d has the path %q", k, rec.Path(k))
				}
				if e.ID == 0 {
					rec.Unknown(k, "P")
				}
			}
		})
		if err != nil && problems != nil {
			t.Fatal("a fatal error came with problems")
		}
		if err != nil && AsProblems(err, "fuzz.xml").Worst() != Fatal {
			t.Fatal("the error holds no fatal problem")
		}
	})
}

// FuzzScanXMLParts checks that reading a file in parts hands over the
// same records, with the same problems or fatal error, as reading it in
// one, with parts made as small as a few bytes so that every split, good
// or bad, is tried.
func FuzzScanXMLParts(f *testing.F) {
	for _, seed := range []string{"<R><P><ID>1</ID></P><P><ID>2</ID><X/></P><P><X/><ID>3</ID></P></R>",
		"<R>\n<P><ID>1</ID></P>\n<!-- <P> -->\n<P><Y>2</Y></P>\n<P><ID>3</ID></P>\n<P><![CDATA[<P>]]></P></R>",
		"<R><P><ID>1</ID></P>\n<P a='<P>'><ID>2</ID></P><P><ID>3</ID></P><P><ID>4</P></R>",
		"<R><P/><P/><P/><P/><P/><P/><P/><P/></R>", "<R><P><P><P><P></P></P></P></P><P/></R><P/>"} {
		f.Add([]byte(seed), uint8(3))
	}
	defer func(size int) { minPartBytes = size }(minPartBytes)
	f.Fuzz(func(t *testing.T, data []byte, parts uint8) {
		minPartBytes = 4
		read := func(n int) string {
			var records [][]string
			used, problems, err := ScanXMLParts("fuzz.xml", bytes.NewReader(data), toyLayout, n, func(int) func(*XMLRecord) {
				records = append(records, nil)
				i := len(records) - 1
				return func(rec *XMLRecord) { records[i] = append(records[i], flatten(rec)...) }
			})
			if err != nil {
				return "error: " + err.Error()
			}
			var all []string
			for _, r := range records[:used] {
				all = append(all, r...)
			}
			return strings.Join(append(all, messages(problems)...), "\n")
		}
		if one, many := read(1), read(int(parts%8)+1); one != many {
			t.Fatalf("in %d parts\n%s\nin one\n%s", parts%8+1, many, one)
		}
	})
}
