package main

import (
	"context"
	"encoding/csv"
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/store/pgtest"
)

// The region of the test: two authorities with different synthetic
// children, A's server the one walked.
const (
	regionA = "E06000999"
	regionB = "E06000001"
)

// TestRegionServerSeesOneAuthority is issue 21's first test of done: on
// one PostgreSQL holding two authorities' children, loaded by the
// administrator, the server serve --la A builds, connected as an ordinary
// role, shows A's analyst A's children through every page and API route
// (walked from the route table, with ids from the pages' own links) and
// none of B's; B's analyst cannot sign in to it, by password or token;
// and the server's own store connection sees A's rows alone.
func TestRegionServerSeesOneAuthority(t *testing.T) {
	if why := pgtest.Skip(); why != "" {
		t.Skip(why)
	}
	ctx := context.Background()
	adminURL := pgtest.NewDatabase(t)
	ids := map[string]map[string]bool{}
	for la, seed := range map[string]string{regionA: "3", regionB: "11"} {
		dir := t.TempDir()
		if code, _, errOut := run(t, "synth", "--children", "60", "--years", "2", "--seed", seed, "--la", la, "--until", "31/03/2026", "--out", dir); code != exitOK {
			t.Fatalf("synth %s: exit %d: %s", la, code, errOut)
		}
		if code, _, errOut := run(t, "load", "--db", adminURL, "--la", la, dir); code != exitOK {
			t.Fatalf("load %s: exit %d: %s", la, code, errOut)
		}
		ids[la] = childIdentifiers(t, dir)
	}
	onlyB := map[string]bool{}
	for id := range ids[regionB] {
		if !ids[regionA][id] {
			onlyB[id] = true
		}
	}
	if len(onlyB) < len(ids[regionB])/2 || len(ids[regionA]) == 0 {
		t.Fatalf("the authorities' children are too alike: %d of B's %d identifiers are not A's too", len(onlyB), len(ids[regionB]))
	}
	tokens := regionUsers(t, adminURL)
	roleURL := pgtest.NewRole(t, adminURL)

	o := pagesOptions{db: store.WithAuthority(roleURL, regionA), forecast: servedForecast()}
	o.forecast.simulations = 50
	handler, err := pagesHandlerWith(ctx, &env{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}, o)
	if err != nil {
		t.Fatal(err)
	}
	p := handler.(*pages)
	defer p.Close()
	srv := httptest.NewServer(handler)
	defer srv.Close()

	for _, name := range []string{"b.analyst", "r.analyst"} {
		if got := signIn(t, srv.URL, name, regionPassword); got.status != http.StatusUnauthorized || !strings.Contains(got.body, "Enter a correct name and password.") {
			t.Errorf("%s signing in to %s's server: %d, want 401 and the wrong password's words", name, regionA, got.status)
		}
	}
	wrong, refused := signIn(t, srv.URL, "b.analyst", "not the password at all"), signIn(t, srv.URL, "b.analyst", regionPassword)
	if wrong.status != refused.status || wrong.body != refused.body {
		t.Errorf("B's analyst with the right password is refused unlike a wrong password: %d against %d", refused.status, wrong.status)
	}
	for name, want := range map[string]int{"b.analyst": http.StatusUnauthorized, "a.analyst": http.StatusOK} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/summary", nil)
		req.Header.Set("Authorization", "Bearer "+tokens[name])
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != want {
			t.Errorf("%s's token on /api/summary: %v %v, want %d", name, resp, err, want)
		} else {
			resp.Body.Close()
		}
	}

	a := signIn(t, srv.URL, "a.analyst", regionPassword)
	if a.status != http.StatusOK {
		t.Fatalf("A's analyst signing in: %d", a.status)
	}
	w := newWalker(t, srv.URL, a.client, webRoutes(t), onlyB, ids[regionA])
	w.walk()
	w.journey(slices.Sorted(maps.Keys(onlyB))[0])
	for _, route := range w.routes {
		if w.visits[route] == 0 {
			t.Errorf("the walk requested no page of %s", route)
		}
	}
	if w.shownMine == 0 {
		t.Error("no response showed any of A's children's IDs: the walk never reached them, so proves nothing")
	}
	t.Logf("walked %d requests over %d routes; %d responses showed A's children's IDs", w.requests, len(w.visits), w.shownMine)

	storeSeesOnlyA(t, p.store)
	admin, err := store.Open(ctx, adminURL)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if got := queryStrings(t, admin, "SELECT DISTINCT la FROM episodes ORDER BY la"); !slices.Equal(got, []string{regionB, regionA}) {
		t.Errorf("the administrator reads episodes of %q; want both authorities'", got)
	}
}

// regionPassword is every test user's password.
const regionPassword = "plum tree harbour lights"

// regionUsers adds, as the administrator, A's analyst, B's analyst and an
// analyst given no authority, and returns A's and B's tokens by name.
func regionUsers(t *testing.T, adminURL string) map[string]string {
	t.Helper()
	for name, la := range map[string]string{"a.analyst": regionA, "b.analyst": regionB, "r.analyst": ""} {
		args := []string{"users", "add", "--db", adminURL, "--as", "it.admin", "--role", "analyst", "--password-stdin", name}
		if la != "" {
			args = slices.Insert(args, 4, "--la", la)
		}
		var code int
		var errOut string
		withStdin(t, regionPassword+"\n", func() { code, _, errOut = run(t, args...) })
		if code != exitOK {
			t.Fatalf("users add %s: exit %d: %s", name, code, errOut)
		}
	}
	tokens := map[string]string{}
	for _, name := range []string{"a.analyst", "b.analyst"} {
		code, out, errOut := run(t, "tokens", "add", "--db", adminURL, "--as", "it.admin", "--user", name)
		if code != exitOK {
			t.Fatalf("tokens add %s: exit %d: %s", name, code, errOut)
		}
		tokens[name] = strings.TrimSpace(out)
	}
	return tokens
}

// signedIn is the answer to a sign-in: its status after redirects, its
// page, and the client that keeps the session.
type signedIn struct {
	status int
	body   string
	client *http.Client
}

// signIn posts the sign-in form with the name and password.
func signIn(t *testing.T, base, name, password string) signedIn {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(base+"/sign-in", neturl.Values{"name": {name}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return signedIn{status: resp.StatusCode, body: string(body), client: client}
}

// childIdentifiers are the children's identifiers in a synthetic
// authority's folder: the 903's CHILD, UPN and MOTHER, the CIN census's
// LAchildID and UPN, and the children of the early help and family-link
// files.
func childIdentifiers(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	add := func(v string) {
		if v = strings.TrimSpace(v); len(v) >= 6 { // shorter is no identifier, and matches by chance
			out[v] = true
		}
	}
	inXML := regexp.MustCompile(`<(?:LAchildID|UPN)>([^<]+)</`)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".xml":
			text, err := os.ReadFile(path)
			for _, m := range inXML.FindAllStringSubmatch(string(text), -1) {
				add(m[1])
			}
			return err
		case ".csv":
			return csvIdentifiers(path, add)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// idColumns are the columns of the synthetic files that hold a child's
// (or a mother's) identifier, in lower case.
var idColumns = map[string]bool{"child": true, "upn": true, "mother": true, "childupn": true}

// csvIdentifiers gives add the values of the file's identifier columns.
func csvIdentifiers(path string, add func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		return err
	}
	for col, name := range rows[0] {
		if !idColumns[strings.ToLower(name)] {
			continue
		}
		for _, row := range rows[1:] {
			add(row[col])
		}
	}
	return nil
}

// boundedAlternation matches any of the identifiers as a whole word.
func boundedAlternation(ids map[string]bool) *regexp.Regexp {
	var quoted []string
	for id := range ids {
		quoted = append(quoted, regexp.QuoteMeta(id))
	}
	slices.Sort(quoted)
	return regexp.MustCompile(`(?:^|[^A-Za-z0-9])(` + strings.Join(quoted, "|") + `)(?:[^A-Za-z0-9]|$)`)
}

// webRoutes are the patterns internal/web registers (mux.Handle and
// mux.HandleFunc calls in its code), read from its source so that a
// route added later is walked too.
func webRoutes(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join("..", "..", "internal", "web", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	var calls []*ast.CallExpr
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if i < len(n.Values) {
						if lit, ok := n.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[name.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "HandleFunc" || sel.Sel.Name == "Handle") && len(n.Args) == 2 {
					if x, ok := sel.X.(*ast.Ident); ok && x.Name == "mux" {
						calls = append(calls, n)
					}
				}
			}
			return true
		})
	}
	var patterns []string
	for _, call := range calls {
		pattern, ok := stringOf(call.Args[0], consts)
		if !ok {
			t.Errorf("%s: a route whose pattern the walk cannot read", fset.Position(call.Pos()))
			continue
		}
		patterns = append(patterns, pattern)
	}
	if len(patterns) < 50 {
		t.Fatalf("found %d routes in internal/web; expected its many", len(patterns))
	}
	return patterns
}

// stringOf is the value of a string literal, a constant, or a sum of them.
func stringOf(e ast.Expr, consts map[string]string) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		v, err := strconv.Unquote(e.Value)
		return v, err == nil
	case *ast.Ident:
		v, ok := consts[e.Name]
		return v, ok
	case *ast.BinaryExpr:
		x, okx := stringOf(e.X, consts)
		y, oky := stringOf(e.Y, consts)
		return x + y, okx && oky && e.Op == token.ADD
	}
	return "", false
}

// walker walks a server's GET routes as a signed-in person, and posts
// the reason of each drill-down it meets, checking every response for B's
// children.
type walker struct {
	t        *testing.T
	base     string
	client   *http.Client
	routes   []string        // the GET routes
	mux      *http.ServeMux  // matches a path to its GET route
	seen     map[string]bool // method, URL and form requested
	visits   map[string]int  // requests by route
	posts    map[string]int  // drill-downs posted, by path
	onlyB    *regexp.Regexp  // B's children's identifiers that are not A's too
	mine     *regexp.Regexp  // A's children's identifiers
	queue    []string
	requests int
	// shownMine counts responses showing A's children's identifiers.
	shownMine int
}

// newWalker walks srv's routes with the client.
func newWalker(t *testing.T, base string, client *http.Client, routes []string, onlyB, mine map[string]bool) *walker {
	w := &walker{t: t, base: base, client: client, mux: http.NewServeMux(), seen: map[string]bool{}, visits: map[string]int{},
		posts: map[string]int{}, onlyB: boundedAlternation(onlyB), mine: boundedAlternation(mine)}
	for _, p := range slices.Compact(slices.Sorted(slices.Values(routes))) {
		if method, _, found := strings.Cut(p, " "); !found || method == http.MethodGet {
			w.routes = append(w.routes, p)
			w.mux.HandleFunc(p, func(http.ResponseWriter, *http.Request) {})
		}
	}
	return w
}

// perRoute bounds the URLs of one route the walk requests.
const perRoute = 3

var (
	linkPattern = regexp.MustCompile(`(?:href|action)="(/[^"#]*)`)
	jsonPath    = regexp.MustCompile(`"(/(?:api/)?[a-z][^"\s]*)"`)
	postForm    = regexp.MustCompile(`(?s)<form method="post" action="([^"]*)"[^>]*>(.*?)</form>`)
	inputField  = regexp.MustCompile(`<input[^>]*?name="([^"]+)"[^>]*>`)
	inputValue  = regexp.MustCompile(`value="([^"]*)"`)
)

// pathOf is a route's path with its wildcards as they are, "{$}" taken
// off and the catch-all given a page that does not exist.
func pathOf(route string) string {
	_, path, found := strings.Cut(route, " ")
	if !found {
		path = route
	}
	if path == "/" {
		return "/no-such-page"
	}
	return strings.TrimSuffix(path, "{$}")
}

// walk requests every route: those without wildcards first, then every
// link and drill-down their pages lead to, then each route with
// wildcards not yet reached, its wildcards taken from a reached route of
// the same name with or without /api.
func (w *walker) walk() {
	for _, route := range w.routes {
		if !strings.Contains(pathOf(route), "{") {
			w.queue = append(w.queue, pathOf(route))
		}
	}
	w.drain()
	for _, route := range w.routes {
		if w.visits[route] > 0 {
			continue
		}
		if path, ok := w.substitute(route); ok {
			w.queue = append(w.queue, path)
		} else {
			w.queue = append(w.queue, wildcards.ReplaceAllString(pathOf(route), "1"))
			w.t.Logf("%s: no page links to one, so asked with id 1", route)
		}
	}
	w.drain()
}

var wildcards = regexp.MustCompile(`\{[^}]*\}`)

// reached lists the paths requested of each route.
func (w *walker) reached() map[string][]string {
	out := map[string][]string{}
	for key := range w.seen {
		method, target, _ := strings.Cut(key, " ")
		if method != http.MethodGet {
			continue
		}
		u, _ := neturl.Parse(target)
		if route := w.route(u.Path); route != "" {
			out[route] = append(out[route], u.Path)
		}
	}
	return out
}

// substitute is a path of the route with its wildcards as a reached
// twin's (the route with /api added or taken off).
func (w *walker) substitute(route string) (string, bool) {
	path := pathOf(route)
	twin := "/api" + path
	if rest, ok := strings.CutPrefix(path, "/api"); ok {
		twin = rest
	}
	reached := w.reached()
	for _, other := range w.routes {
		if pathOf(other) != twin || len(reached[other]) == 0 {
			continue
		}
		values := strings.Split(reached[other][0], "/")
		parts := strings.Split(twin, "/")
		out := path
		for i, part := range parts {
			if strings.HasPrefix(part, "{") && i < len(values) {
				out = strings.Replace(out, part, values[i], 1)
			}
		}
		return out, true
	}
	return "", false
}

// route is the GET route that serves path, or "".
func (w *walker) route(path string) string {
	req, err := http.NewRequest(http.MethodGet, w.base+path, nil)
	if err != nil {
		return ""
	}
	_, pattern := w.mux.Handler(req)
	return pattern
}

// drain requests the queue's paths, and queues the links of their pages.
func (w *walker) drain() {
	for len(w.queue) > 0 {
		target := w.queue[0]
		w.queue = w.queue[1:]
		u, err := neturl.Parse(target)
		if err != nil || w.seen["GET "+target] {
			continue
		}
		route := w.route(u.Path)
		if route == "" || w.visits[route] >= perRoute {
			continue
		}
		w.seen["GET "+target] = true
		w.visits[route]++
		body := w.fetch(http.MethodGet, target, nil)
		w.follow(body)
		w.drillDown(body)
	}
}

// follow queues the paths a page or JSON document links to.
func (w *walker) follow(body string) {
	for _, re := range []*regexp.Regexp{linkPattern, jsonPath} {
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			w.queue = append(w.queue, html.UnescapeString(m[1]))
		}
	}
}

// drillDown posts, with a reason, each form of the page that asks for
// one: the drill-downs to children's IDs and the journeys they lead to.
func (w *walker) drillDown(body string) {
	for _, form := range postForm.FindAllStringSubmatch(body, -1) {
		action := html.UnescapeString(form[1])
		values := neturl.Values{}
		for _, input := range inputField.FindAllStringSubmatch(form[2], -1) {
			value := ""
			if v := inputValue.FindStringSubmatch(input[0]); v != nil {
				value = html.UnescapeString(v[1])
			}
			values.Set(input[1], value)
		}
		if !values.Has("reason") {
			continue
		}
		values.Set("reason", "checking a region's isolation")
		path, _, _ := strings.Cut(action, "?")
		key := "POST " + action + " " + values.Encode()
		if w.seen[key] || w.posts[path] >= perRoute {
			continue
		}
		w.seen[key] = true
		w.posts[path]++
		answer := w.fetch(http.MethodPost, action, values)
		w.follow(answer)
		w.drillDown(answer)
	}
}

// journey asks for the journey of a child of B's by its ID, as a
// drill-down's form would: the server has no such child.
func (w *walker) journey(id string) {
	body := w.fetch(http.MethodPost, "/children", neturl.Values{"id": {id}, "reason": {"checking a region's isolation"}, "back": {"/"}})
	if !strings.Contains(body, "Child not found") {
		w.t.Error("asking A's server for the journey of a child of B's did not answer \"Child not found\"")
	}
}

// fetch makes a request and checks its answer: nothing of B's children,
// nor B's code, and still signed in.
func (w *walker) fetch(method, target string, form neturl.Values) string {
	w.t.Helper()
	var resp *http.Response
	var err error
	if method == http.MethodPost {
		resp, err = w.client.PostForm(w.base+target, form)
	} else {
		resp, err = w.client.Get(w.base + target)
	}
	w.requests++
	if err != nil {
		w.t.Errorf("%s %s: %v", method, target, err)
		return ""
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		w.t.Errorf("%s %s: reading the answer: %v", method, target, err)
	}
	body := string(b)
	if w.onlyB.MatchString(body) {
		w.t.Errorf("%s %s (%d) shows a child of %s's", method, target, resp.StatusCode, regionB)
	}
	if strings.Contains(body, regionB) {
		w.t.Errorf("%s %s (%d) names %s", method, target, resp.StatusCode, regionB)
	}
	if resp.Request.URL.Path == "/sign-in" && !strings.HasPrefix(target, "/sign-in") {
		w.t.Errorf("%s %s sent A's analyst to sign in again", method, target)
	}
	if w.mine.MatchString(body) {
		w.shownMine++
	}
	return body
}

// storeSeesOnlyA checks the server's own store connection: its reads,
// and a query of each table with authorities' rows that names none,
// which sees the rows of A alone though B's are there too.
func storeSeesOnlyA(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	if las, err := s.Authorities(ctx); err != nil || !slices.Equal(las, []string{regionA}) {
		t.Errorf("the server's store: Authorities = %v, %v; want %s alone", las, err, regionA)
	}
	if years, err := s.Years(ctx); err != nil || len(years) != 2 {
		t.Errorf("the server's store: Years = %v, %v; want A's 2", years, err)
	}
	tables := queryStrings(t, s, "SELECT table_name FROM information_schema.columns WHERE column_name = 'la' AND table_schema = current_schema() ORDER BY table_name")
	if len(tables) < 20 {
		t.Fatalf("%d tables with authorities' rows: %q", len(tables), tables)
	}
	for _, table := range tables {
		for _, la := range queryStrings(t, s, "SELECT DISTINCT la FROM "+table) {
			if la != regionA {
				t.Errorf("the server's store connection reads %s's rows of %s", la, table)
			}
		}
	}
	if got := queryStrings(t, s, "SELECT DISTINCT la FROM episodes"); !slices.Equal(got, []string{regionA}) {
		t.Errorf("the server's store connection reads episodes of %q; want %s's", got, regionA)
	}
}

// queryStrings runs a query of one text column on the store's own
// connection.
func queryStrings(t *testing.T, s *store.Store, query string) []string {
	t.Helper()
	rows, err := s.QueryForTesting(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// TestClaimedAuthorities keeps the GSS codes of an authority claim and
// drops what is not one.
func TestClaimedAuthorities(t *testing.T) {
	for _, c := range []struct {
		values []string
		want   []string
	}{
		{nil, nil},
		{[]string{"E06000999"}, []string{"E06000999"}},
		{[]string{"e06000999", "E06000001", "E06000999"}, []string{"E06000999", "E06000001"}},
		{[]string{"Somerset", "E06000999,E06000001", "", "E06000001"}, []string{"E06000001"}},
	} {
		if got := claimedAuthorities(c.values); !slices.Equal(got, c.want) {
			t.Errorf("claimedAuthorities(%q) = %q, want %q", c.values, got, c.want)
		}
	}
}
