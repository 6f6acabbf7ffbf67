package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/families"
)

// motherMark begins every mother's pseudonym in syntheticFamilies, so
// that a test can look for any of them in a page.
const motherMark = "MOTHERPSEUDONYM"

// syntheticFamilies are the synthetic authority's family links, each
// child's pseudonym its ID and each mother's marked.
func syntheticFamilies(a authority) *app.Families {
	f := &app.Families{Children: families.Known{}}
	for i, l := range a.res.FamilyLinks(8) {
		f.Children[l.Child] = l.Child
		f.Links = append(f.Links, families.Link{Child: l.Child, Mother: motherMark + l.Mother, Line: i + 2})
	}
	return f
}

// TestFamilies checks /families, its API and its drill-down on the
// synthetic authority: the figures are recurrent care's; the analyst's
// children are shown only after a reason, each audited; and no page or
// API answer of any role names a mother.
func TestFamilies(t *testing.T) {
	a := synthetic(t)
	ctx := context.Background()
	fam := syntheticFamilies(a)
	want, err := families.Recurrent(a.set, fam.Links, fam.Children, a.period)
	if err != nil || want.Mothers == 0 {
		t.Fatalf("the synthetic authority's recurrent care: %+v, %v", want, err)
	}
	st := sqliteStore(t, a)
	h := newServer(t, a, Options{Store: st, Families: fam}).Handler()
	code, body := fetch(t, h, http.MethodGet, "/families", nil)
	if code != http.StatusOK || !strings.Contains(body, ">"+want.Figures(disclose.Exact)[0].Value.Text()+"<") || !strings.Contains(body, `href="/families/children"`) {
		t.Fatalf("GET /families: %d, no figure %d or drill-down\n%.3000s", code, want.Mothers, body)
	}
	checkAccessible(t, "/families", body)
	code, body = fetch(t, h, http.MethodGet, "/families/children", nil)
	if code != http.StatusOK || !strings.Contains(body, `for="reason"`) || strings.Contains(body, `value="`+want.Children[0]+`"`) {
		t.Fatalf("GET /families/children: %d, a child shown or no form\n%.2000s", code, body)
	}
	code, body = fetch(t, h, http.MethodPost, "/families/children", url.Values{"reason": {"sizing a programme"}})
	log, err := st.AuditLog(ctx)
	if code != http.StatusOK || err != nil || len(log) != len(want.Children) {
		t.Fatalf("POST /families/children: %d, %d audit entries for %d children (%v)", code, len(log), len(want.Children), err)
	}
	for i, id := range want.Children {
		if log[i].Subject != id || log[i].Reason != "sizing a programme" || !strings.Contains(body, `value="`+id+`"`) {
			t.Errorf("child %s: audit entry %+v, or not listed", id, log[i])
		}
	}
	if strings.Contains(body, motherMark) {
		t.Error("the analyst's list names a mother")
	}

	s := newSignInServer(t, Identity{})
	s.h = newServer(t, a, Options{Store: s.store, Identity: Identity{Accounts: s.acc}, Families: fam}).Handler()
	for _, c := range []struct {
		role, mode, mothers string
		drill               int
	}{
		{"analyst", "exact", want.Figures(disclose.Exact)[0].Value.Text(), http.StatusOK},
		{"manager", "exact", want.Figures(disclose.Exact)[0].Value.Text(), http.StatusForbidden},
		{"partner", "publishable", want.Figures(disclose.Publishable)[0].Value.Text(), http.StatusForbidden},
	} {
		cookie := s.session(t, c.role)
		page := s.do(http.MethodGet, "/families", cookie, nil)
		api := s.do(http.MethodGet, "/api/families", cookie, nil)
		if page.Code != http.StatusOK || api.Code != http.StatusOK {
			t.Fatalf("%s: /families %d, /api/families %d", c.role, page.Code, api.Code)
		}
		var got struct {
			Mode    string      `json:"mode"`
			Linked  bool        `json:"linked"`
			Figures []familyRow `json:"figures"`
		}
		if err := json.Unmarshal(api.Body.Bytes(), &got); err != nil || got.Mode != c.mode || !got.Linked || len(got.Figures) != 3 || got.Figures[0].Shown != c.mothers {
			t.Errorf("%s: /api/families %+v (%v); want mode %s, %s mothers", c.role, got, err, c.mode, c.mothers)
		}
		if rec := s.do(http.MethodGet, "/families/children", cookie, nil); rec.Code != c.drill {
			t.Errorf("%s: /families/children %d, want %d", c.role, rec.Code, c.drill)
		}
		if c.drill != http.StatusOK && strings.Contains(page.Body.String(), "/families/children") {
			t.Errorf("%s: /families links to the children", c.role)
		}
		for what, text := range map[string]string{"/families": page.Body.String(), "/api/families": api.Body.String()} {
			if strings.Contains(text, motherMark) {
				t.Errorf("%s: %s names a mother", c.role, what)
			}
		}
	}
}

// TestFamiliesNotLinked checks that the figures are x, saying why, when
// the returns were never loaded with the key.
func TestFamiliesNotLinked(t *testing.T) {
	a := synthetic(t)
	fam := syntheticFamilies(a)
	fam.Children = nil
	h := newServer(t, a, Options{Store: fakeStore(), Families: fam}).Handler()
	code, body := fetch(t, h, http.MethodGet, "/api/families", nil)
	if code != http.StatusOK || !strings.Contains(body, `"linked": false`) || !strings.Contains(body, `"shown": "x"`) || !strings.Contains(body, "--key") {
		t.Errorf("/api/families, not linked: %d\n%s", code, body)
	}
	if code, body := fetch(t, h, http.MethodGet, "/families", nil); code != http.StatusOK || strings.Contains(body, "/families/children") {
		t.Errorf("/families, not linked: %d, or a drill-down offered", code)
	}
}
