package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/benchmark"
	"github.com/village-uk/village/internal/refdata/published"
	"github.com/village-uk/village/internal/synth"
)

var (
	nationalOnce   sync.Once
	nationalServer *httptest.Server
	// publishableNational is the same, publishable.
	publishableNational *httptest.Server
)

// benchmarkServer serves the synthetic authority with synthetic national
// tables built around its own figures, as village demo does.
func benchmarkServer(t testing.TB) *httptest.Server {
	nationalOnce.Do(func() {
		a := synthetic(t)
		front := syntheticFront(t, a)
		own := benchmark.OwnFigures(benchmark.Returns{Care: a.set, Front: front, Population: a.pop})
		tabs, _, err := app.SyntheticNational(own, synth.DefaultLA, 1)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := tabs.Write(dir); err != nil {
			t.Fatal(err)
		}
		national, err := published.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		s := newServer(t, a, Options{Store: fakeStore(), Front: front, National: national, Authority: synth.DefaultLA})
		nationalServer = httptest.NewServer(s.Handler())
		pub := newServer(t, a, Options{Store: fakeStore(), Front: front, National: national, Authority: synth.DefaultLA, Publishable: true})
		publishableNational = httptest.NewServer(pub.Handler())
	})
	return nationalServer
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil && resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

func TestBenchmarkAPI(t *testing.T) {
	base := benchmarkServer(t).URL
	var all struct {
		Mode       string           `json:"mode"`
		Authority  string           `json:"authority"`
		Indicators []benchmark.View `json:"indicators"`
	}
	if code := getJSON(t, base+"/api/benchmark", &all); code != http.StatusOK {
		t.Fatalf("/api/benchmark: %d", code)
	}
	ids := map[string]benchmark.View{}
	for _, v := range all.Indicators {
		ids[v.ID] = v
	}
	for _, id := range []string{"cla_rate_per_10k", "starts_rate_per_10k", "placements_3plus", "re_referrals_12m_share"} {
		v, ok := ids[id]
		if !ok {
			t.Errorf("no comparison for %s", id)
			continue
		}
		if v.Value == nil || v.England == nil || v.Funnel == nil || v.Rank == nil || *v.Of < 100 || v.Source.File == "" {
			t.Errorf("%s: %+v", id, v)
		}
	}
	// The area in the tables is the area of the returns: its published
	// rate is its own, rounded.
	v := ids["cla_rate_per_10k"]
	if all.Authority != synth.DefaultLA || v.RegionName != "North East" || v.NeighboursCount+v.NeighboursLeftOut != 10 {
		t.Errorf("authority %s, region %q, neighbours %d + %d", all.Authority, v.RegionName, v.NeighboursCount, v.NeighboursLeftOut)
	}
	var one struct {
		Indicator benchmark.View `json:"indicator"`
	}
	if code := getJSON(t, base+"/api/benchmark/placements_3plus", &one); code != http.StatusOK || one.Indicator.ID != "placements_3plus" {
		t.Errorf("/api/benchmark/placements_3plus: %d %+v", code, one.Indicator)
	}
	if code := getJSON(t, base+"/api/benchmark/ceased", nil); code != http.StatusNotFound {
		t.Errorf("/api/benchmark/ceased: %d, want 404", code)
	}
	// Without tables there is nothing to compare, and the pages say nothing.
	if code := getJSON(t, server(t).URL+"/api/benchmark", nil); code != http.StatusNotFound {
		t.Errorf("/api/benchmark without tables: %d, want 404", code)
	}
	resp, err := http.Get(server(t).URL + "/indicators/cla_rate_per_10k")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body strings.Builder
	if _, err := io.Copy(&body, resp.Body); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(body.String(), "Compared with England, the region and neighbours") {
		t.Error("a comparison panel without published tables")
	}
}

// TestBenchmarkPublishable: publishable, the authority's own figures are
// as the policy publishes them, and the API says which mode it is in.
func TestBenchmarkPublishable(t *testing.T) {
	benchmarkServer(t)
	var all struct {
		Mode       string           `json:"mode"`
		Indicators []benchmark.View `json:"indicators"`
	}
	if code := getJSON(t, publishableNational.URL+"/api/benchmark", &all); code != http.StatusOK || all.Mode != "publishable" {
		t.Fatalf("/api/benchmark publishable: %d, mode %q", code, all.Mode)
	}
	for _, v := range all.Indicators {
		if v.Value == nil && (v.Denominator != nil || v.Rank != nil || v.Funnel != nil) {
			t.Errorf("%s: a suppressed value with its denominator, rank or funnel: %+v", v.ID, v)
		}
		if v.Value != nil && v.ValueText == "c" {
			t.Errorf("%s: a value shown as c", v.ID)
		}
	}
}
