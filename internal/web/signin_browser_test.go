package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestSignInInBrowser signs in and out in a real browser: sent to sign in,
// refused with a wrong password, signed in with the right one and taken to
// the page asked for, then signed out and sent to sign in again.
func TestSignInInBrowser(t *testing.T) {
	chromium := findChromium(t)
	srv := httptest.NewServer(newSignInServer(t, Identity{}).h)
	t.Cleanup(srv.Close)
	b := startBrowser(t, chromium)
	ctx, cancel := context.WithTimeout(b.tab, 60*time.Second)
	defer cancel()

	// open runs the steps, which lead to another page, and returns its
	// status and path once it has loaded.
	open := func(what string, steps ...chromedp.Action[chromedp.Void]) (int64, string) {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, steps...)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatalf("%s: reading the address: %v", what, err)
		}
		return resp.Status, strings.TrimPrefix(loc, srv.URL)
	}
	signIn := func(password string) (int64, string) {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.SetValue(chromedp.ID("name"), "analyst"),
			chromedp.SetValue(chromedp.ID("password"), password),
		)
		if err != nil {
			t.Fatalf("filling in the sign-in form: %v", err)
		}
		return open("signing in", chromedp.Click(chromedp.CSS("main button[type=submit]")))
	}

	if _, got := open("opening the validation page", chromedp.Navigate(srv.URL+"/validation")); got != "/sign-in?next=%2Fvalidation" {
		t.Fatalf("the validation page signed out is at %q, want the sign-in page", got)
	}
	if status, _ := signIn("not the password"); status != 401 {
		t.Errorf("a wrong password: %d, want 401", status)
	}
	errorText, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".govuk-error-summary")))
	if err != nil || !strings.Contains(errorText, "Enter a correct name and password") {
		t.Errorf("a wrong password: error summary %q, %v", errorText, err)
	}
	if status, got := signIn(testPassword); status != 200 || got != "/validation" {
		t.Errorf("signed in: %d at %q, want the page asked for", status, got)
	}
	if _, got := open("opening the sign-out page", chromedp.Click(chromedp.CSS(`a[href="/sign-out"]`))); got != "/sign-out" {
		t.Errorf("the sign-out link led to %q", got)
	}
	if _, got := open("signing out", chromedp.Click(chromedp.CSS(`form[action="/sign-out"] button`))); got != "/sign-in" {
		t.Errorf("signed out at %q, want the sign-in page", got)
	}
	if _, got := open("opening the overview", chromedp.Navigate(srv.URL+"/")); got != "/sign-in" {
		t.Errorf("the overview after signing out is at %q, want the sign-in page", got)
	}
}
