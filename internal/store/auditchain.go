package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// CheckpointAction is the action of the entry that pruning leaves at the
// start of the chain: it stands for the entries removed, and its
// prev_hash is the last removed entry's hash.
const CheckpointAction = "audit checkpoint"

// Entry is one link of the audit chain as stored: an access or event with
// its place in the chain and its hashes. At is the time as stored, RFC
// 3339 in UTC, which is what the hash covers.
type Entry struct {
	Seq          int64  `json:"seq"`
	At           string `json:"at"`
	Who          string `json:"who"`
	IdentifiedBy string `json:"identified_by"`
	From         string `json:"from_address"`
	Action       string `json:"action"`
	Subject      string `json:"subject"`
	Reason       string `json:"reason"`
	PrevHash     string `json:"prev_hash"`
	Hash         string `json:"hash"`
}

// computeHash is the SHA-256, in lower-case hex, of e's content and
// PrevHash, each field written as its length, a colon and its bytes, so
// that no two different entries encode alike.
func (e Entry) computeHash() string {
	h := sha256.New()
	for _, f := range []string{"village audit 1", strconv.FormatInt(e.Seq, 10), e.At, e.Who, e.IdentifiedBy,
		e.From, e.Action, e.Subject, e.Reason, e.PrevHash} {
		fmt.Fprintf(h, "%d:%s,", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ChainHead is the chain's last link as the store records it.
type ChainHead struct {
	Seq  int64
	Hash string
}

// lockHead reads the chain's head inside tx, holding it until tx ends:
// on PostgreSQL with FOR UPDATE; on SQLite the transaction began
// IMMEDIATE and so already holds the one write lock.
func (s *Store) lockHead(ctx context.Context, tx *sql.Tx) (ChainHead, error) {
	var h ChainHead
	err := tx.QueryRowContext(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1"+s.dialect.forUpdate()).Scan(&h.Seq, &h.Hash)
	if err != nil {
		return h, fmt.Errorf("reading the audit chain's head: %w", err)
	}
	return h, nil
}

// setHead records h as the chain's head inside tx.
func (s *Store) setHead(ctx context.Context, tx *sql.Tx, h ChainHead) error {
	if _, err := tx.ExecContext(ctx, "UPDATE audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1", h.Seq, h.Hash); err != nil {
		return fmt.Errorf("moving the audit chain's head: %w", err)
	}
	return nil
}

// chainLegacy chains the entries made before the chain existed (up to
// audit_head.legacy_to, set by migration 00005), in the order of their
// ids, once: Open calls it, and it does nothing after the first time.
func (s *Store) chainLegacy(ctx context.Context) error {
	// Look first without the write lock, which a long load may hold: an
	// opening that has nothing to chain must not wait for it.
	var pending int64
	if err := s.read.QueryRowContext(ctx, "SELECT legacy_to FROM audit_head WHERE id = 1").Scan(&pending); err != nil {
		return fmt.Errorf("store: reading the audit chain's head in %s: %w", s.where, err)
	}
	if pending == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: chaining the audit log of %s: %w", s.where, err)
	}
	defer tx.Rollback()
	head, err := s.lockHead(ctx, tx)
	if err != nil {
		return fmt.Errorf("store: chaining the audit log of %s: %w", s.where, err)
	}
	var legacyTo int64
	if err := tx.QueryRowContext(ctx, "SELECT legacy_to FROM audit_head WHERE id = 1").Scan(&legacyTo); err != nil {
		return fmt.Errorf("store: chaining the audit log of %s: %w", s.where, err)
	}
	if legacyTo == 0 {
		return nil
	}
	ids, entries, err := legacyEntries(ctx, tx, legacyTo)
	if err != nil {
		return fmt.Errorf("store: chaining the audit log of %s: %w", s.where, err)
	}
	for i, e := range entries {
		e.Seq, e.PrevHash = head.Seq+1, head.Hash
		e.Hash = e.computeHash()
		if _, err := tx.ExecContext(ctx, "UPDATE audit SET seq = $1, prev_hash = $2, hash = $3 WHERE id = $4", e.Seq, e.PrevHash, e.Hash, ids[i]); err != nil {
			return fmt.Errorf("store: chaining entry %d of the audit log of %s: %w", ids[i], s.where, err)
		}
		head = ChainHead{Seq: e.Seq, Hash: e.Hash}
	}
	if err := s.setHead(ctx, tx, head); err != nil {
		return fmt.Errorf("store: chaining the audit log of %s: %w", s.where, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE audit_head SET legacy_to = 0 WHERE id = 1"); err != nil {
		return fmt.Errorf("store: chaining the audit log of %s: %w", s.where, err)
	}
	return tx.Commit()
}

// legacyEntries reads the unchained entries with ids up to legacyTo.
func legacyEntries(ctx context.Context, tx *sql.Tx, legacyTo int64) ([]int64, []Entry, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, "+entryColumns+" FROM audit WHERE id <= $1 AND hash = '' ORDER BY id", legacyTo)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []int64
	var entries []Entry
	for rows.Next() {
		var id int64
		e, err := scanEntry(rows, &id)
		if err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		entries = append(entries, e)
	}
	return ids, entries, rows.Err()
}

// entryColumns are an Entry's columns, in the order scanEntry reads them.
const entryColumns = "seq, at, who, identified_by, from_address, action, subject, reason, prev_hash, hash"

// scanEntry reads a row of extra columns (scanned into extra) then
// entryColumns.
func scanEntry(rows *sql.Rows, extra ...any) (Entry, error) {
	var e Entry
	dest := append(extra, &e.Seq, &e.At, &e.Who, &e.IdentifiedBy, &e.From, &e.Action, &e.Subject, &e.Reason, &e.PrevHash, &e.Hash)
	if err := rows.Scan(dest...); err != nil {
		return e, fmt.Errorf("reading an audit entry: %w", err)
	}
	return e, nil
}

// AuditEntries returns the chain's entries, in order, made from from up
// to but not including to; a zero time leaves that end open. Entries with
// no place in the chain (inserted outside it) come first.
func (s *Store) AuditEntries(ctx context.Context, from, to time.Time) ([]Entry, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+entryColumns+" FROM audit ORDER BY seq, id")
	if err != nil {
		return nil, fmt.Errorf("reading the audit log of %s: %w", s.where, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("reading the audit log of %s: %w", s.where, err)
		}
		if inRange(e.At, from, to) {
			out = append(out, e)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading the audit log of %s: %w", s.where, err)
	}
	return out, nil
}

// inRange reports whether the stored time at is in [from, to), either end
// open when zero. A time that cannot be read is kept, so that an export
// never hides an entry someone has tampered with.
func inRange(at string, from, to time.Time) bool {
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return true
	}
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
}

// AuditHead returns the chain's head as recorded.
func (s *Store) AuditHead(ctx context.Context) (ChainHead, error) {
	var h ChainHead
	if err := s.read.QueryRowContext(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1").Scan(&h.Seq, &h.Hash); err != nil {
		return h, fmt.Errorf("reading the audit chain's head in %s: %w", s.where, err)
	}
	return h, nil
}

// VerifyAudit checks the whole chain against its head: nil when intact,
// a *ChainBreak naming the first entry changed, removed or inserted, or
// another error when the log cannot be read.
func (s *Store) VerifyAudit(ctx context.Context) (ChainHead, error) {
	entries, err := s.AuditEntries(ctx, time.Time{}, time.Time{})
	if err != nil {
		return ChainHead{}, err
	}
	head, err := s.AuditHead(ctx)
	if err != nil {
		return ChainHead{}, err
	}
	if b := CheckChain(entries, &head, false); b != nil {
		return head, b
	}
	return head, nil
}

// ChainBreak is where a chain stops holding together. It names entries by
// their seq and time, never by the child they name.
type ChainBreak struct {
	Seq  int64  // the entry at which the break shows; 0 for none
	At   string // that entry's time as stored
	What string // what was found, such as "was changed"
}

func (b *ChainBreak) Error() string {
	if b.Seq == 0 && b.At == "" {
		return "audit chain broken: " + b.What
	}
	if b.Seq == 0 {
		return fmt.Sprintf("audit chain broken: an entry made at %s %s", b.At, b.What)
	}
	return fmt.Sprintf("audit chain broken at entry %d (%s): %s", b.Seq, b.At, b.What)
}

// CheckChain checks entries, in chain order, link by link: nil when they
// hold together, or the first break. With head, the last entry must be
// the head; without (an export), there is none to compare. A chain starts
// at entry 1 with no previous hash, or at a checkpoint left by pruning,
// or, when partial (an export of a period), at any entry.
func CheckChain(entries []Entry, head *ChainHead, partial bool) *ChainBreak {
	if len(entries) == 0 {
		if head != nil && head.Seq != 0 {
			return &ChainBreak{What: fmt.Sprintf("the log is empty, but its head is entry %d: every entry was removed", head.Seq)}
		}
		return nil
	}
	expect, prev := int64(1), ""
	first := entries[0]
	switch {
	case first.Action == CheckpointAction:
		// The checkpoint stands in the place of the last entry pruned:
		// its own hash guards what it says, and the next entry links
		// to the pruned entry's hash, which it carries.
		if first.Seq <= 0 || first.computeHash() != first.Hash {
			return &ChainBreak{Seq: first.Seq, At: first.At, What: "was changed: its content no longer matches its hash"}
		}
		expect, prev = first.Seq+1, first.PrevHash
		entries = entries[1:]
	case partial:
		expect, prev = first.Seq, first.PrevHash
	}
	last := first
	for _, e := range entries {
		if b := checkLink(e, expect, prev); b != nil {
			return b
		}
		expect, prev, last = e.Seq+1, e.Hash, e
	}
	return checkHead(head, last, ChainHead{Seq: expect - 1, Hash: prev})
}

// checkLink checks one entry, expected to be entry expect following the
// hash prev: its place, its link to the entry before, then its content.
func checkLink(e Entry, expect int64, prev string) *ChainBreak {
	switch {
	case e.Seq <= 0 || e.Hash == "":
		return &ChainBreak{At: e.At, What: "was inserted outside the chain: it has no place or hash in it"}
	case e.Seq > expect:
		return &ChainBreak{Seq: e.Seq, At: e.At, What: removedText(expect, e.Seq-1) + " before it"}
	case e.Seq < expect:
		return &ChainBreak{Seq: e.Seq, At: e.At, What: fmt.Sprintf("comes again after entry %d: it was inserted or the entries reordered", expect-1)}
	case e.PrevHash != prev:
		return &ChainBreak{Seq: e.Seq, At: e.At, What: "does not follow the entry before it: it was inserted, the entries reordered, or the one before changed"}
	case e.computeHash() != e.Hash:
		return &ChainBreak{Seq: e.Seq, At: e.At, What: "was changed: its content no longer matches its hash"}
	}
	return nil
}

// checkHead compares the chain's end (the last entry, and the seq and
// hash the next entry would follow) with the recorded head, if any.
func checkHead(head *ChainHead, last Entry, end ChainHead) *ChainBreak {
	switch {
	case head == nil:
		return nil
	case head.Seq > end.Seq:
		return &ChainBreak{Seq: last.Seq, At: last.At, What: removedText(end.Seq+1, head.Seq) + " after it, at the end of the log"}
	case head.Seq < end.Seq:
		return &ChainBreak{Seq: last.Seq, At: last.At, What: fmt.Sprintf("was inserted after entry %d, the chain's recorded end", head.Seq)}
	case head.Hash != end.Hash:
		return &ChainBreak{Seq: last.Seq, At: last.At, What: "was changed or replaced: it is not the chain's recorded end"}
	}
	return nil
}

// removedText says which entries are missing.
func removedText(first, last int64) string {
	if first == last {
		return fmt.Sprintf("entry %d was removed", first)
	}
	return fmt.Sprintf("entries %d to %d were removed", first, last)
}

// PruneAudit removes, from the start of the chain, the entries made
// before cutoff (stopping at the first that is not), and leaves in their
// place a checkpoint entry, made by who, that counts them and carries the
// last one's hash, so that the chain still verifies from there. It
// returns how many entries it removed.
func (s *Store) PruneAudit(ctx context.Context, cutoff time.Time, who string) (int, error) {
	if who == "" {
		return 0, errors.New("pruning the audit log: say who is pruning it")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("pruning the audit log of %s: %w", s.where, err)
	}
	defer tx.Rollback()
	// The head stays: the checkpoint stands for the last entry removed.
	if _, err := s.lockHead(ctx, tx); err != nil {
		return 0, fmt.Errorf("pruning the audit log of %s: %w", s.where, err)
	}
	last, n, err := lastBefore(ctx, tx, cutoff)
	if err != nil || n == 0 {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM audit WHERE seq > 0 AND seq <= $1", last.Seq); err != nil {
		return 0, fmt.Errorf("pruning the audit log of %s: %w", s.where, err)
	}
	// The checkpoint has the time of the entry it stands for, so that a
	// later pruning past that time removes it too; when it was made is
	// in its reason.
	cp := Entry{Seq: last.Seq, At: last.At, Who: who, Action: CheckpointAction, PrevHash: last.Hash,
		Reason: fmt.Sprintf("%d entries made before %s removed at %s; the last removed was entry %d", n, timeText(cutoff), timeText(time.Now()), last.Seq)}
	cp.Hash = cp.computeHash()
	stmt, err := tx.PrepareContext(ctx, insertEntry)
	if err != nil {
		return 0, fmt.Errorf("pruning the audit log of %s: %w", s.where, err)
	}
	defer stmt.Close()
	if err := insertChained(ctx, stmt, cp); err != nil {
		return 0, fmt.Errorf("pruning the audit log of %s: writing the checkpoint: %w", s.where, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("pruning the audit log of %s: %w", s.where, err)
	}
	return n, nil
}

// lastBefore finds the run of entries at the chain's start made before
// cutoff: the last of them and how many there are, not counting a
// checkpoint left by an earlier pruning.
func lastBefore(ctx context.Context, tx *sql.Tx, cutoff time.Time) (Entry, int, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+entryColumns+" FROM audit WHERE seq > 0 ORDER BY seq")
	if err != nil {
		return Entry{}, 0, fmt.Errorf("reading the audit log to prune: %w", err)
	}
	defer rows.Close()
	var last Entry
	n := 0
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return Entry{}, 0, err
		}
		t, err := time.Parse(time.RFC3339Nano, e.At)
		if err != nil || !t.Before(cutoff) {
			break
		}
		last = e
		if e.Action != CheckpointAction {
			n++ // an earlier checkpoint is replaced, not counted
		}
	}
	return last, n, rows.Err()
}
