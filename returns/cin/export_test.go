package cin

// GenerateCensus lets the external tests (package cin_test) build the
// benchmark's national-scale census.
var GenerateCensus = generateCensus

// BenchChildren is the benchmark census's number of children.
const BenchChildren = benchChildren
