// Package site writes Village's static validation site: a page in the
// GOV.UK style, the WebAssembly validator (internal/site/wasm) and a
// small script. The page validates files chosen or dropped on it in the
// browser itself: nothing is uploaded, and it works from a plain file
// server or opened from the disk (file://), since the validator is loaded
// as a script, not fetched.
package site

import (
	"bytes"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/village-uk/village/returns/folder"
)

//go:embed static
var static embed.FS

// Assets are the files the site is made of besides its own page and
// script: the validator built for WebAssembly, the Go distribution's
// wasm_exec.js that runs it, and the stylesheets.
type Assets struct {
	Wasm       []byte // internal/site/wasm built with GOOS=js GOARCH=wasm
	WasmExec   []byte // $(go env GOROOT)/lib/wasm/wasm_exec.js of the Go that built Wasm
	GOVUKCSS   []byte // the GOV.UK Frontend stylesheet the server uses
	VillageCSS []byte // Village's own stylesheet
}

// Write writes the site into dir: index.html, site.js, wasm_exec.js,
// validator.js (the WebAssembly as base64, so that a page opened from
// the disk can load it: a browser refuses to fetch a file:// URL) and the
// stylesheets.
func Write(dir string, a Assets) error {
	if len(a.Wasm) == 0 || len(a.WasmExec) == 0 {
		return errors.New("the site needs the validator built for WebAssembly and wasm_exec.js")
	}
	page, err := static.ReadFile("static/index.html")
	if err != nil {
		return err
	}
	script, err := static.ReadFile("static/site.js")
	if err != nil {
		return err
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"index.html", bytesOf(page)},
		{"site.js", bytesOf(script)},
		{"wasm_exec.js", bytesOf(a.WasmExec)},
		{"govuk-frontend.min.css", bytesOf(a.GOVUKCSS)},
		{"village.css", bytesOf(a.VillageCSS)},
		{"validator.js", func(w io.Writer) error { return writeWasmScript(w, a.Wasm) }},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if err := folder.WriteFile(path, f.write); err != nil {
			return fmt.Errorf("writing %s: %w", f.name, err)
		}
		// A site is for serving: any web server's user may read it.
		if err := os.Chmod(path, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func bytesOf(b []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}

// writeWasmScript writes the validator as a script that sets
// villageValidatorWasm to its base64.
func writeWasmScript(w io.Writer, wasm []byte) error {
	if _, err := io.WriteString(w, "// Village's validator, WebAssembly as base64 (see index.html).\nself.villageValidatorWasm = \""); err != nil {
		return err
	}
	enc := base64.NewEncoder(base64.StdEncoding, w)
	if _, err := enc.Write(wasm); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\";\n")
	return err
}

// Build builds the validator for WebAssembly with the Go toolchain, from
// the checkout of Village's source at moduleDir, into a file in tmp, and
// reads it with the toolchain's wasm_exec.js. The validator is built when
// the site is made, never committed: "village site" needs a checkout and
// Go, as building Village does.
func Build(moduleDir, tmp string) (wasm, wasmExec []byte, err error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return nil, nil, errors.New("building the validator needs the Go toolchain (go) on the PATH")
	}
	out := filepath.Join(tmp, "validator.wasm")
	cmd := exec.Command(goTool, "build", "-ldflags=-s -w", "-o", out, "./internal/site/wasm")
	cmd.Dir = moduleDir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, nil, fmt.Errorf("building the validator in %s: %v\n%s", moduleDir, err, strings.TrimSpace(stderr.String()))
	}
	if wasm, err = os.ReadFile(out); err != nil {
		return nil, nil, err
	}
	root, err := exec.Command(goTool, "env", "GOROOT").Output()
	if err != nil {
		return nil, nil, fmt.Errorf("asking go for GOROOT: %v", err)
	}
	wasmExec, err = os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, nil, fmt.Errorf("reading the Go distribution's wasm_exec.js: %w", err)
	}
	return wasm, wasmExec, nil
}

// ModuleDir finds the checkout of Village's source holding dir or one of
// its parents: the folder whose go.mod names Village's module.
func ModuleDir(dir string) (string, error) {
	for d := dir; ; {
		mod, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(mod), []byte("module github.com/village-uk/village\n")) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%s is not inside a checkout of Village's source: \"village site\" builds the validator from it with Go; run it in the checkout", dir)
		}
		d = parent
	}
}
