package rules

// childMap maps a child's ID to a value. The rules look children up
// millions of times on a national return, and a map keyed by the ID's
// string compares the key's bytes, wherever they lie, on each look-up:
// those bytes, spread through megabytes of the files read, missed the
// cache on most look-ups. An ID of up to seven bytes, as most are, is
// instead packed into a number held in the map itself; a longer one is
// kept by its string.
type childMap[V any] struct {
	short map[uint64]V
	long  map[string]V
}

// newChildMap returns an empty map with room for size children.
func newChildMap[V any](size int) *childMap[V] {
	return &childMap[V]{short: make(map[uint64]V, size)}
}

// packID returns id as a number, its bytes and above them its length, so
// that no two IDs share one; false when id is longer than seven bytes.
func packID(id string) (uint64, bool) {
	if len(id) > 7 {
		return 0, false
	}
	k := uint64(len(id)) << 56
	for i := range len(id) {
		k |= uint64(id[i]) << (8 * i)
	}
	return k, true
}

// get returns the value for child, or the zero value.
func (m *childMap[V]) get(child string) V {
	v, _ := m.lookup(child)
	return v
}

// lookup returns the value for child and whether there is one.
func (m *childMap[V]) lookup(child string) (V, bool) {
	var v V
	var ok bool
	if m == nil {
		return v, false
	}
	if k, short := packID(child); short {
		v, ok = m.short[k]
	} else {
		v, ok = m.long[child]
	}
	return v, ok
}

// set sets the value for child.
func (m *childMap[V]) set(child string, v V) {
	if k, ok := packID(child); ok {
		if m.short == nil {
			m.short = map[uint64]V{}
		}
		m.short[k] = v
		return
	}
	if m.long == nil {
		m.long = map[string]V{}
	}
	m.long[child] = v
}

// len returns how many children have a value.
func (m *childMap[V]) len() int {
	if m == nil {
		return 0
	}
	return len(m.short) + len(m.long)
}
