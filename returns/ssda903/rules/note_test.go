package rules

import (
	"strings"
	"testing"
)

// TestMessagesAreTheDfEs checks that no rule's message carries a tool's
// note: caveats of Village's own belong in the Description.
func TestMessagesAreTheDfEs(t *testing.T) {
	for _, r := range Rules().All() {
		if strings.Contains(r.Message, "NOTE") || r.Message != strings.TrimSpace(r.Message) {
			t.Errorf("rule %s message %q has a note or surrounding spaces", r.Code, r.Message)
		}
	}
}
