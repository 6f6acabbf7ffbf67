//go:build js && wasm

// Command wasm is the static site's validator: built for WebAssembly, it
// gives the page two functions. villageValidate(files), files an array of
// {name, data} with data a Uint8Array, validates them and returns
// {summary} (the page's JSON, see browser.Page) or {error}.
// villageReport(format) returns the last result's failures as "csv",
// "json" or "xlsx" bytes, a Uint8Array. It calls villageReady() when they
// are set. Nothing it does reaches a network or a disk.
package main

import (
	"encoding/json"
	"runtime"
	"runtime/debug"
	"syscall/js"

	"github.com/village-uk/village/internal/site/browser"
)

func main() {
	reserve(reserveBytes)
	// The validator is a process of its own with its memory grown as the
	// page loads: it may use that memory before collecting. Reading and
	// typing a return only add to the heap, and collecting often while
	// they do, on the page's one thread, made a national return a tenth
	// slower. Past the memory grown the collector works as hard as it must.
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(reserveBytes)
	var last *browser.Result
	js.Global().Set("villageValidate", js.FuncOf(func(_ js.Value, args []js.Value) any {
		last = nil
		res, err := browser.Validate(files(args[0]))
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		summary, err := json.Marshal(res.Page())
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		last = res
		return map[string]any{"summary": string(summary)}
	}))
	js.Global().Set("villageReport", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if last == nil {
			return map[string]any{"error": "no return has been validated"}
		}
		data, err := last.Download(args[0].String())
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		out := js.Global().Get("Uint8Array").New(len(data))
		js.CopyBytesToJS(out, data)
		return map[string]any{"data": out}
	}))
	js.Global().Call("villageReady")
	select {}
}

// files copies the page's files into Go.
func files(list js.Value) []browser.File {
	out := make([]browser.File, list.Length())
	for i := range out {
		f := list.Index(i)
		data := make([]byte, f.Get("data").Length())
		js.CopyBytesToGo(data, f.Get("data"))
		out[i] = browser.File{Name: f.Get("name").String(), Data: data}
	}
	return out
}

// reserveBytes is the memory the validator takes as the page loads: about
// what validating a national-scale return holds at its most.
const reserveBytes = 1 << 30

// reserve grows the WebAssembly memory to n bytes and hands it back to Go's
// heap. Growing it while a return is validated, a little at a time as the
// heap fills, made a national return four times slower in Chromium than
// the same work in memory already grown; grown once here, as the page
// loads, it costs about a second before any file is chosen. The pages are
// not written, so the machine gives them only as they are used.
func reserve(n int) {
	const block = 4 << 20
	held := make([][]byte, 0, n/block)
	for range n / block {
		held = append(held, make([]byte, block))
	}
	clear(held) // the blocks go back to the heap, the memory stays grown
	runtime.GC()
}
