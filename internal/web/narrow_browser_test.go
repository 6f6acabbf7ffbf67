package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// narrowWidth is the width of a small phone held upright, in CSS pixels.
const narrowWidth = 400

// testNarrowPages loads the overview and an indicator's page 400 pixels
// wide and checks that nothing makes the page itself scroll sideways:
// wide tables scroll inside their own wrapper, as GOV.UK's guidance has
// them. It waits for the page's load, not for a time.
func testNarrowPages(t *testing.T, b *chromiumTab) {
	srv := server(t)
	ctx, cancel := context.WithTimeout(b.tab, pageTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(narrowWidth, 800)); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Do(b.tab, chromedp.EmulateViewport(1280, 1024))
	for _, path := range []string{"/", "/indicators/cla_end", "/rules"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatalf("loading %s: %v", path, err)
		}
		// Widths depend on the fonts, which load after the page.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatalf("waiting for the fonts of %s: %v", path, err)
		}
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
				const out = [];
				const width = document.documentElement.clientWidth;
				if (document.documentElement.scrollWidth > width) {
					out.push("the page is " + document.documentElement.scrollWidth + " pixels wide in a window of " + width);
				}
				for (const table of document.querySelectorAll("table")) {
					let box = table.parentElement;
					while (box && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
					const edge = (box && box !== document.body && box !== document.documentElement ? box : table).getBoundingClientRect().right;
					if (edge > width + 0.5) {
						const caption = table.caption ? table.caption.textContent.trim() : "a table without a caption";
						out.push(caption + " reaches " + Math.round(edge) + " pixels");
					}
				}
				return out;
			})()`))
		if err != nil {
			t.Fatalf("%s at %d pixels: %v", path, narrowWidth, err)
		}
		for _, o := range overflow {
			t.Errorf("%s at %d pixels wide: %s", path, narrowWidth, o)
		}
	}
}
