package rules

import (
	"strings"
	"testing"
)

func TestChildMap(t *testing.T) {
	// IDs of every length around the seven bytes that are packed, and
	// ones that differ only in a trailing zero byte or in length.
	ids := []string{"", "1", "12", "1234567", "12345678", "123456789A", "1\x00", "\x00", "\x00\x00", "A\x00\x00\x00\x00\x00\x00",
		"A\x00\x00\x00\x00\x00\x00\x00", "ÿÿÿÿÿÿ", "1234567 "}
	m := newChildMap[int](0)
	for i, id := range ids {
		m.set(id, i)
	}
	m.set("1", 1) // set again: not a new child
	if m.len() != len(ids) {
		t.Errorf("%d children, want %d", m.len(), len(ids))
	}
	for i, id := range ids {
		if got, ok := m.lookup(id); !ok || got != i {
			t.Errorf("%q: %d, %v; want %d", id, got, ok, i)
		}
	}
	for _, id := range []string{"2", "1234568", "123456789B", "\x00\x00\x00"} {
		if got, ok := m.lookup(id); ok {
			t.Errorf("%q, never set, gave %d", id, got)
		}
	}
	var none *childMap[[]*EpisodeRow]
	if none.get("1") != nil || none.len() != 0 {
		t.Error("a nil map holds nothing")
	}
}

func TestPackIDIsOneToOne(t *testing.T) {
	seen := map[uint64]string{}
	for _, id := range []string{"", "\x00", "\x00\x00", "a", "a\x00", "\x00a", "ab", "abcdefg", "abcdef\x00", "\xff\xff\xff\xff\xff\xff\xff"} {
		k, ok := packID(id)
		if !ok {
			t.Fatalf("%q not packed", id)
		}
		if other, dup := seen[k]; dup {
			t.Errorf("%q and %q both pack to %#x", id, other, k)
		}
		seen[k] = id
	}
	if _, ok := packID("abcdefgh"); ok {
		t.Error("an ID of eight bytes was packed")
	}
	for n := range 8 {
		id := strings.Repeat("0", n)
		if k, _ := packID(id); k>>56 != uint64(n) {
			t.Errorf("%q packed with length %d", id, k>>56)
		}
	}
}
