package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
)

// siteChromium finds Chromium as the web package's browser tests do
// ($VILLAGE_CHROMIUM, /usr/bin/chromium, chromium on the PATH), skipping
// without one unless $CI is set.
func siteChromium(t *testing.T) string {
	t.Helper()
	candidates := []string{"/usr/bin/chromium", "chromium"}
	if p := os.Getenv("VILLAGE_CHROMIUM"); p != "" {
		candidates = []string{p}
	}
	for _, name := range candidates {
		if found, err := exec.LookPath(name); err == nil {
			return found
		}
	}
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		t.Fatal("no Chromium to test the site in, and CI must not skip the browser tests")
	}
	t.Skip("no Chromium to test the site in: install it or set VILLAGE_CHROMIUM")
	return ""
}

// pageNetwork records the requests a tab makes after its page has loaded.
type pageNetwork struct {
	mu         sync.Mutex
	loaded     bool
	afterLoad  []string
	beforeLoad int
}

func (n *pageNetwork) listen(ev any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch e := ev.(type) {
	case *page.EventLoadEventFired:
		n.loaded = true
	case *network.EventRequestWillBeSent:
		if n.loaded {
			n.afterLoad = append(n.afterLoad, e.Request.URL)
		} else {
			n.beforeLoad++
		}
	}
}

// shownResult is what the page shows: its summary and its counts by rule.
type shownResult struct {
	State    string         `json:"state"`
	Error    string         `json:"error"`
	Failures int            `json:"failures"`
	Children int            `json:"children"`
	RulesRun int            `json:"rulesRun"`
	Rules    map[string]int `json:"rules"`
	Millis   int            `json:"millis"`
}

const readShown = `(() => {
  const num = (id) => Number((document.getElementById(id) || {textContent: "-1"}).textContent.replace(/,/g, ""));
  const rules = {};
  for (const tr of document.querySelectorAll("#by-rule tbody tr")) rules[tr.dataset.rule] = Number(tr.dataset.failures);
  const took = document.getElementById("took");
  return {state: document.body.dataset.state, error: document.getElementById("error-text").textContent,
    failures: num("failures"), children: num("children"), rulesRun: num("rules-run"), rules,
    millis: took ? Number(took.dataset.millis) : -1};
})()`

// wantResult is "village validate --out f.json"'s report of the same
// files, as the page should show it.
func wantResult(t *testing.T, path string) shownResult {
	t.Helper()
	out := filepath.Join(t.TempDir(), "want.json")
	e := &env{stdout: io.Discard, stderr: io.Discard}
	if code := runEnv(context.Background(), []string{"validate", "--out", out, path}, e); code == exitUnusable {
		t.Fatalf("village validate %s: exit status %d", path, code)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Ran      int `json:"rules_run"`
		Failures int `json:"failures"`
		Children int `json:"children_affected"`
		Rows     []struct{ Rule string }
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	want := shownResult{State: "done", Failures: rep.Failures, Children: rep.Children, RulesRun: rep.Ran, Rules: map[string]int{}}
	for _, r := range rep.Rows {
		want.Rules[r.Rule]++
	}
	return want
}

// TestSiteInBrowser builds the static site with "village site", serves it
// from a plain file server, and checks in Chromium that a synthetic 903
// return's files and a CIN census chosen on the page give the summary and
// counts by rule that "village validate" gives for the same files, and
// that the page makes no network request once loaded.
func TestSiteInBrowser(t *testing.T) {
	chromium := siteChromium(t)
	if testing.Short() {
		t.Skip("builds the validator for WebAssembly")
	}
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	var stderr bytesBuffer
	if code := runEnv(context.Background(), []string{"site", "--out", siteDir}, &env{stdout: io.Discard, stderr: &stderr}); code != exitOK {
		t.Fatalf("village site: exit status %d: %s", code, stderr.String())
	}
	res, err := synth.Generate(synth.Config{Children: 250, Years: 1, Until: calendar.NewDate(2026, 3, 31), Seed: 7, ErrorRate: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if err := writeSynth(data, "csv", res, true); err != nil {
		t.Fatal(err)
	}
	year := filepath.Join(data, "2025-26")
	csvs, err := filepath.Glob(filepath.Join(year, "*.csv"))
	if err != nil || len(csvs) == 0 {
		t.Fatalf("no CSV files in %s: %v", year, err)
	}
	census := filepath.Join(year, "cin-census.xml")
	// The 903's folder for "village validate" without the census beside it.
	only903 := filepath.Join(dir, "903", "2025-26")
	if err := os.MkdirAll(only903, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range csvs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(only903, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	server := httptest.NewServer(http.FileServer(http.Dir(siteDir)))
	defer server.Close()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")))
	defer cancelAlloc()

	cases := []struct {
		name  string
		files []string
		want  string // what "village validate" is given
	}{
		{"SSDA903 CSV files", csvs, only903},
		{"CIN census", []string{census}, census},
	}
	// VILLAGE_SITE_NATIONAL names a year's folder of 903 CSV files, such as
	// a national-scale synthetic return's, to time in the page too: the
	// time is logged, not asserted.
	if national := os.Getenv("VILLAGE_SITE_NATIONAL"); national != "" {
		files, err := filepath.Glob(filepath.Join(national, "*.csv"))
		if err != nil || len(files) == 0 {
			t.Fatalf("VILLAGE_SITE_NATIONAL=%s holds no CSV files", national)
		}
		cases = append(cases, struct {
			name  string
			files []string
			want  string
		}{"national scale", files, national})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := wantResult(t, c.want)
			if want.Failures == 0 {
				t.Fatalf("the synthetic return has no failures to compare")
			}
			net := &pageNetwork{}
			tab, cancelTab := chromedp.NewContext(alloc, chromedp.WithListener(net.listen))
			defer cancelTab()
			_, err := chromedp.Run(tab, chromedp.Steps(
				chromedp.Navigate(server.URL+"/index.html"),
				chromedp.WaitVisible(chromedp.CSS(`body[data-state="ready"]`)),
				chromedp.SetUploadFiles(chromedp.CSS(`#files`), c.files),
				chromedp.WaitVisible(chromedp.CSS(`#results:not([hidden]), #error:not([hidden])`)),
			))
			if err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(tab, chromedp.Evaluate[shownResult](readShown))
			if err != nil {
				t.Fatal(err)
			}
			if got.State != "done" {
				t.Fatalf("the page is %q: %s", got.State, got.Error)
			}
			if got.Millis <= 0 {
				t.Errorf("the page gives the time it took as %d ms", got.Millis)
			}
			t.Logf("%d failures checked in the page in %d ms", got.Failures, got.Millis)
			got.Millis, got.Error = 0, ""
			if got.Failures != want.Failures || got.Children != want.Children || got.RulesRun != want.RulesRun {
				t.Errorf("the page shows %d failures, %d children, %d rules run; village validate %d, %d, %d",
					got.Failures, got.Children, got.RulesRun, want.Failures, want.Children, want.RulesRun)
			}
			for rule, n := range want.Rules {
				if got.Rules[rule] != n {
					t.Errorf("rule %s: the page shows %d failures, village validate %d", rule, got.Rules[rule], n)
				}
			}
			if len(got.Rules) != len(want.Rules) {
				t.Errorf("the page lists %d rules with failures, village validate %d", len(got.Rules), len(want.Rules))
			}
			net.mu.Lock()
			defer net.mu.Unlock()
			if !net.loaded || net.beforeLoad == 0 {
				t.Errorf("the network events were not seen (loaded %v, %d requests before)", net.loaded, net.beforeLoad)
			}
			if len(net.afterLoad) > 0 {
				t.Errorf("the page made %d network requests after it loaded: %v", len(net.afterLoad), net.afterLoad)
			}
		})
	}
}

// bytesBuffer is a strings.Builder that is an io.Writer for stderr.
type bytesBuffer struct{ b []byte }

func (w *bytesBuffer) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }
func (w *bytesBuffer) String() string              { return string(w.b) }
