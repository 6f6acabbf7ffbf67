package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestAdviseHugePages checks that the heap's memory is advised for huge
// pages as useHugePages asks: the kernel lists the advice ("hg") among
// the flags of the mapping that holds it.
func TestAdviseHugePages(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	b := make([]byte, 16<<20)
	if err := adviseHugePages(b); err != nil {
		t.Fatalf("madvise: %v", err)
	}
	flags, err := mappingFlags(uintptr(unsafe.Pointer(&b[len(b)/2])))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the heap's mapping has flags %q, without hg (huge pages advised)", flags)
	}
}

// mappingFlags returns the VmFlags /proc/self/smaps gives the mapping that
// holds addr.
func mappingFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(flags), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping in /proc/self/smaps holds %#x", addr)
}

// TestUseHugePagesTakesNoMemory checks that growing the heap for huge
// pages takes no memory from the system, even when the heap holds memory
// freed before (which Go zeroes when it is reused): before, it could take
// all of it.
func TestUseHugePagesTakesNoMemory(t *testing.T) {
	garbage := make([][]byte, 0, 16)
	for range 16 {
		garbage = append(garbage, make([]byte, 1<<20))
	}
	clear(garbage)
	runtime.GC() // the heap now holds 16 MiB freed
	before := residentBytes(t)
	useHugePages(512 << 20)
	if grew := residentBytes(t) - before; grew > 64<<20 {
		t.Errorf("growing the heap by 512 MiB took %d MiB from the system", grew>>20)
	}
}

// residentBytes returns the process's resident memory (VmRSS).
func residentBytes(t *testing.T) int {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if kb, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kb), "kB")))
			if err != nil {
				t.Fatal(err)
			}
			return n << 10
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}
