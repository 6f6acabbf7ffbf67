package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/internal/oidc/oidctest"
)

// TestServeSingleSignOn serves the pages with single sign-on configured
// by the VILLAGE_OIDC_ variables against a real OpenID provider: a person
// in an analysts' group signs in and sees the overview, one in no mapped
// group is refused, and both are in the audit log, the first as signed in
// by the issuer.
func TestServeSingleSignOn(t *testing.T) {
	provider := oidctest.New(t,
		oidctest.User{Name: "c.jones", Email: "c.jones@council.example", Groups: []string{"village-analysts"}},
		oidctest.User{Name: "v.visitor", Email: "v.visitor@council.example", Groups: []string{"canteen"}})
	addr := freeAddress(t)
	config := provider.Config("http://" + addr + "/auth/callback")
	for name, value := range map[string]string{
		"VILLAGE_OIDC_ISSUER": config.Issuer, "VILLAGE_OIDC_CLIENT_ID": config.ClientID,
		"VILLAGE_OIDC_CLIENT_SECRET": config.ClientSecret, "VILLAGE_OIDC_REDIRECT_URL": config.RedirectURL,
		"VILLAGE_OIDC_ROLES": "village-analysts=analyst",
	} {
		t.Setenv(name, value)
	}
	db := frontDoorStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &lineWriter{urls: make(chan string, 8)}
	done := make(chan int, 1)
	var stderr syncBuffer
	go func() { done <- Run(ctx, []string{"serve", "--db", db, "--addr", addr}, stdout, &stderr) }()
	var base string
	select {
	case base = <-stdout.urls:
	case code := <-done:
		t.Fatalf("serve stopped before serving: exit %d\n%s%s", code, stdout, stderr.String())
	case <-time.After(time.Minute):
		t.Fatal("serve did not start")
	}

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	page, err := browser.Get(base + "/sign-in")
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, page)
	if !strings.Contains(body, `href="/auth/signin"`) {
		t.Errorf("the sign-in page offers no single sign-on:\n%s", body)
	}
	resp, err := provider.SignIn(browser, base+"/auth/signin", "c.jones")
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/" {
		t.Errorf("c.jones signed in: %d at %s, want the overview", resp.StatusCode, resp.Request.URL)
	}

	stranger, _ := cookiejar.New(nil)
	resp, err = provider.SignIn(&http.Client{Jar: stranger}, base+"/auth/signin", "v.visitor")
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a person in no mapped group: %d, want 403", resp.StatusCode)
	}
	cancel()
	<-done

	var signedIn, refused bool
	for _, e := range storedAuditLog(t, db) {
		switch {
		case e.Action == "sign in" && e.Who == "c.jones@council.example" && strings.HasPrefix(e.IdentifiedBy, "single sign-on at "):
			signedIn = true
		case e.Action == "failed sign-in" && e.Who == "v.visitor@council.example":
			refused = true
		}
	}
	if !signedIn || !refused {
		t.Errorf("audit log: signed in %v, refused %v; want both\n%+v", signedIn, refused, storedAuditLog(t, db))
	}
}

// freeAddress is a loopback address with a port free a moment ago: the
// redirect URL registered at the provider must name the port before the
// server listens on it.
func freeAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "127.0.0.1:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// readAll reads and closes a response's body.
func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, resp.Body); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// syncBuffer is a buffer a server's goroutines may write to while a test
// reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
