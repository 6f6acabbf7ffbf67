package oidc_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestSignInInBrowser signs in as a person would, in a headless Chromium:
// Village's sign-in sends the browser to the issuer's login page, the
// person types their user name, and the issuer sends them back signed in;
// then a person who cancels is refused. The cookies, redirects and
// SameSite rules are the browser's own.
func TestSignInInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	rp := startRelyingParty(t, ann)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.UserDataDir(t.TempDir()))
	t.Cleanup(cancel)
	tab, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(cancelTab)
	// A bound for a browser that hangs, not a wait for anything to happen.
	tab, cancelTimeout := context.WithTimeout(tab, 2*time.Minute)
	t.Cleanup(cancelTimeout)

	err := chromedp.Do(tab,
		chromedp.Navigate(rp.begin()),
		chromedp.WaitVisible(chromedp.ID("username")),
	)
	if err != nil {
		t.Fatalf("beginning to sign in in %s: %v", chromium, err)
	}
	login, err := chromedp.Run(tab, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(login, rp.idp.Issuer+"/login") {
		t.Errorf("the sign-in showed %s, not the issuer's login page", login)
	}
	err = chromedp.Do(tab,
		chromedp.SendKeys(chromedp.ID("username"), "ann"),
		chromedp.Click(chromedp.ID("sign-in")),
		chromedp.WaitVisible(chromedp.ID("who")),
	)
	if err != nil {
		t.Fatalf("signing in in %s: %v", chromium, err)
	}
	who, err := chromedp.Run(tab, chromedp.Text(chromedp.ID("who")))
	if err != nil {
		t.Fatal(err)
	}
	if who != "Signed in as Ann Analyst" {
		t.Errorf("the page says %q, want Signed in as Ann Analyst", who)
	}
	if id, err := rp.last(t, 1); err != nil || id.Subject != "a1b2c3" {
		t.Errorf("signed in as %+v, %v", id, err)
	}

	err = chromedp.Do(tab,
		chromedp.Navigate(rp.begin()),
		chromedp.WaitVisible(chromedp.ID("cancel")),
		chromedp.Click(chromedp.ID("cancel")),
		chromedp.WaitVisible(chromedp.ID("refused")),
	)
	if err != nil {
		t.Fatalf("cancelling in %s: %v", chromium, err)
	}
	refused, err := chromedp.Run(tab, chromedp.Text(chromedp.ID("refused")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(refused, "Sign-in failed: oidc: the issuer refused the sign-in") {
		t.Errorf("after cancelling, the page says %q", refused)
	}
}

// chromiumPath is the Chromium to run: $VILLAGE_CHROMIUM, else
// /usr/bin/chromium, else chromium on the PATH. Without one the test is
// skipped, except under CI, which installs Chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("VILLAGE_CHROMIUM"), "/usr/bin/chromium", "chromium"} {
		if name == "" {
			continue
		}
		if found, err := exec.LookPath(name); err == nil {
			return found
		}
	}
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		t.Fatal("no Chromium (set VILLAGE_CHROMIUM), and CI must not skip the browser tests")
	}
	t.Skip("no Chromium to sign in with: install it or set VILLAGE_CHROMIUM")
	return ""
}
