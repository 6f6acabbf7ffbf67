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
//
// The n bytes are taken in pieces of hugePiece. Go zeroes a new object
// that reuses memory freed before, and one object of n bytes begun in
// such memory, as the heap can hold once the program's start has been
// collected, was zeroed whole: every page taken from the system, 1 GiB
// and 3 s where a fresh heap takes 10 ms. Now a piece or two at most is.
func useHugePages(n int) {
	if strconv.IntSize < 64 {
		return // a 32-bit address space has no room to spare
	}
	held := make([][]byte, 0, n/hugePiece)
	for range n / hugePiece {
		b := make([]byte, hugePiece)
		// A kernel without transparent huge pages refuses: it is only
		// slower.
		_ = adviseHugePages(b)
		held = append(held, b)
	}
	clear(held)
	runtime.GC()
}

// hugePiece is the size of the pieces useHugePages grows the heap by.
const hugePiece = 4 << 20

// adviseHugePages asks for b's memory to be given in huge pages.
func adviseHugePages(b []byte) error { return syscall.Madvise(b, syscall.MADV_HUGEPAGE) }
