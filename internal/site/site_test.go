package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrite checks the site's files: each readable by a web server, the
// page loading its scripts and stylesheets from beside it only, and the
// validator as a script of base64.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Assets{Wasm: []byte("\x00asm"), WasmExec: []byte("// go"), GOVUKCSS: []byte("a{}"), VillageCSS: []byte("b{}")}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "site.js", "wasm_exec.js", "govuk-frontend.min.css", "village.css", "validator.js"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", name, info.Mode().Perm())
		}
	}
	script, _ := os.ReadFile(filepath.Join(dir, "validator.js"))
	if !strings.Contains(string(script), `self.villageValidatorWasm = "AGFzbQ==";`) {
		t.Errorf("validator.js: %s", script)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	for _, bad := range []string{"http:", "https:", "//"} {
		for _, attr := range []string{`src="`, `href="`} {
			if strings.Contains(string(page), attr+bad) {
				t.Errorf("index.html loads something from elsewhere: %s%s", attr, bad)
			}
		}
	}
	if err := Write(dir, Assets{}); err == nil {
		t.Error("a site without the validator was written")
	}
}
