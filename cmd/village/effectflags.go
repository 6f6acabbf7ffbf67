package main

import (
	"strings"

	"github.com/village-uk/village/internal/synth"
)

// effectFlags collects synth's --effect flags, each checked as it is
// given, as the comma-separated text synth.Config.Effects reads.
type effectFlags []string

func (f *effectFlags) String() string { return strings.Join(*f, ",") }

func (f *effectFlags) Set(text string) error {
	e, err := synth.ParseEffect(text)
	if err != nil {
		return err
	}
	*f = append(*f, e.String())
	return nil
}
