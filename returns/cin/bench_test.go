package cin

import (
	"bytes"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/village-uk/village/returns"
)

// benchChildren is a national census's size: about 400,000 children.
const benchChildren = 400_000

// The generated census repeats two children: one in five has two
// referrals, an assessment with factors, a section 47 and a plan with
// three reviews; the others a referral and an assessment with two
// factors. Each line is indented as case management systems write them.
// Both are valid 2025/26 children (no UPN, with a reason), so that the
// census fails only the query on the census as a whole (2887Q) and a
// benchmark of validation measures the rules, not the writing of failures.
const (
	benchHeader = `<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>2026</Year>
      <ReferenceDate>2026-03-31</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>999</LEA>
    </Source>
  </Header>
  <Children>
`
	benchFull = `    <Child>
      <ChildIdentifiers>
        <LAchildID>@</LAchildID>
        <UPNunknown>UN2</UPNunknown>
        <PersonBirthDate>2015-06-14</PersonBirthDate>
        <Sex>F</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>NONE</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-04-10</CINreferralDate>
        <ReferralSource>2A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINclosureDate>2025-11-20</CINclosureDate>
        <ReasonForClosure>RC7</ReasonForClosure>
        <ReferralNFA>0</ReferralNFA>
        <Assessments>
          <AssessmentActualStartDate>2025-04-11</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2025-05-20</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>3A</AssessmentFactors>
            <AssessmentFactors>4B</AssessmentFactors>
            <AssessmentFactors>16A</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <Section47>
          <S47ActualStartDate>2025-04-14</S47ActualStartDate>
          <InitialCPCtarget>2025-05-06</InitialCPCtarget>
          <DateOfInitialCPC>2025-05-01</DateOfInitialCPC>
          <ICPCnotRequired>0</ICPCnotRequired>
        </Section47>
        <ChildProtectionPlans>
          <CPPstartDate>2025-05-01</CPPstartDate>
          <CPPendDate>2025-11-20</CPPendDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2025-05-29</CPPreviewDate>
            <CPPreviewDate>2025-08-26</CPPreviewDate>
            <CPPreviewDate>2025-11-12</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
      </CINdetails>
      <CINdetails>
        <CINreferralDate>2026-01-05</CINreferralDate>
        <ReferralSource>6</ReferralSource>
        <PrimaryNeedCode>N4</PrimaryNeedCode>
        <ReferralNFA>0</ReferralNFA>
        <CINPlanDates>
          <CINPlanStartDate>2026-02-15</CINPlanStartDate>
        </CINPlanDates>
      </CINdetails>
    </Child>
`
	benchSimple = `    <Child>
      <ChildIdentifiers>
        <LAchildID>@</LAchildID>
        <UPNunknown>UN2</UPNunknown>
        <PersonBirthDate>2011-09-02</PersonBirthDate>
        <Sex>M</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>MWBC</Ethnicity>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-06-10</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N5</PrimaryNeedCode>
        <CINclosureDate>2025-08-01</CINclosureDate>
        <ReasonForClosure>RC8</ReasonForClosure>
        <ReferralNFA>0</ReferralNFA>
        <Assessments>
          <AssessmentActualStartDate>2025-06-11</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2025-07-25</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>1B</AssessmentFactors>
            <AssessmentFactors>3B</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
      </CINdetails>
    </Child>
`
	benchFooter = "  </Children>\n</Message>\n"
)

// GenerateCensus returns a census XML file of n children made from the
// two template children, each with its own LAchildID.
func generateCensus(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * (len(benchFull) + 4*len(benchSimple)) / 5)
	b.WriteString(benchHeader)
	var id []byte
	for i := range n {
		template := benchSimple
		if i%5 == 0 {
			template = benchFull
		}
		before, after, _ := strings.Cut(template, "@")
		b.WriteString(before)
		id = strconv.AppendInt(append(id[:0], "CH"...), int64(i+1), 10)
		b.Write(id)
		b.WriteString(after)
	}
	b.WriteString(benchFooter)
	return b.Bytes()
}

var (
	benchOnce sync.Once
	benchData []byte
)

// BenchmarkReadXML reads a generated census of about 400,000 children
// (about 500 MB as written here) and reports MB/s. Before timing it reads
// the census once to measure memory: read-peak-MB is the most the heap
// held above the generated file during the read (sampled every
// millisecond; reading from disk holds the file's bytes as well, once,
// since returns/folder hands them over uncopied), and tables-MB what the
// tables keep once read.
func BenchmarkReadXML(b *testing.B) {
	benchOnce.Do(func() { benchData = generateCensus(benchChildren) })
	data := benchData
	peak, kept := measureRead(b, data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ReadXML("bench.xml", wholeReader{bytes.NewReader(data), data}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data))/(1<<20), "file-MB")
	b.ReportMetric(float64(peak)/(1<<20), "read-peak-MB")
	b.ReportMetric(float64(kept)/(1<<20), "tables-MB")
}

// wholeReader hands ReadXML the census's bytes in place, as returns/folder
// does with a file it has read (returns.WholeReader).
type wholeReader struct {
	*bytes.Reader
	data []byte
}

func (w wholeReader) WholeBytes() []byte { return w.data }

// measureRead reads data once and returns the peak heap above what was in
// use before, and what the tables keep.
func measureRead(b *testing.B, data []byte) (peak, kept uint64) {
	var tables map[TableName]*returns.Table
	var err error
	peak = heapPeak(func() {
		tables, _, err = ReadXML("bench.xml", wholeReader{bytes.NewReader(data), data})
	})
	if err != nil {
		b.Fatal(err)
	}
	if n := tables[ChildIdentifiers].Len(); n != benchChildren {
		b.Fatalf("read %d children, want %d", n, benchChildren)
	}
	runtime.GC()
	kept = heapInUse() - heapBase
	runtime.KeepAlive(tables)
	return peak, kept
}

// heapInUse is the bytes of the heap's objects now.
func heapInUse() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// heapBase is the heap in use when the last heapPeak began.
var heapBase uint64

// heapPeak runs f and returns the most the heap held above what was in
// use before it, sampling the heap every millisecond.
func heapPeak(f func()) uint64 {
	runtime.GC()
	heapBase = heapInUse()
	var top atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			top.Store(max(top.Load(), heapInUse()))
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return top.Load() - heapBase
}
