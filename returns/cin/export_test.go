package cin

import "bytes"

// GenerateCensus lets the external tests (package cin_test) build the
// benchmark's national-scale census.
var GenerateCensus = generateCensus

// BenchChildren is the benchmark census's number of children.
const BenchChildren = benchChildren

// HeapPeak lets the external benchmarks measure memory as this package's
// do.
var HeapPeak = heapPeak

// WholeReader hands ReadXML data in place, as returns/folder does with a
// file it has read.
func WholeReader(data []byte) wholeReader { return wholeReader{bytes.NewReader(data), data} }
