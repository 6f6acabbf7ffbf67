package main

import (
	"runtime"
	"strconv"
	"syscall"
)

// useHugePages asks Linux to back the next n bytes of Go's heap with
// transparent huge pages of 2 MiB, where the system gives them to a
// program that asks (transparent_hugepage set to "madvise", the default
// of Debian and Ubuntu; "always" gives them anyway, "never" not at all).
//
// Why: a national return's validation fills about 450 MB of fresh heap,
// and the kernel gives fresh memory a 4 KiB page at a time, one fault
// each. On a virtual machine a fault costs about 10 µs, so faults were a
// third of the CPU that validating a return took. A huge page is one
// fault for 512 small pages.
//
// How: Go maps its heap as it grows and never asks for huge pages for it,
// so the heap is grown here by n bytes that are never written, the range
// advised, and the bytes let go: the allocator reuses the lowest free
// addresses first, so the data read next lands in the advised range. The
// pages are given only as they are written, so nothing is used that the
// work does not use, to the nearest 2 MiB.
func useHugePages(n int) {
	if strconv.IntSize < 64 {
		return // a 32-bit address space has no room to spare
	}
	// A kernel without transparent huge pages refuses: it is only slower.
	_ = adviseHugePages(make([]byte, n))
	runtime.GC()
}

// adviseHugePages asks for b's memory to be given in huge pages.
func adviseHugePages(b []byte) error { return syscall.Madvise(b, syscall.MADV_HUGEPAGE) }
