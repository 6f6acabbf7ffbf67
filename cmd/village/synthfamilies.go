package main

import (
	"io"
	"path/filepath"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// familyLinksFile is the family-link file's name, in a year's folder or
// at the top of the folders loaded.
const familyLinksFile = app.FamilyLinksFile

// writeFamilyLinks writes the synthetic family links, pseudonymised as a
// council sends them, as family-links.csv at the top of out, with the
// synthetic key they were made under, so that village load --key links
// them to the returns' children.
func writeFamilyLinks(out string, res *synth.Result, seed uint64) error {
	links, err := res.PseudonymisedFamilyLinks(seed)
	if err != nil {
		return err
	}
	if err := folder.WriteFile(filepath.Join(out, familyLinksFile), func(w io.Writer) error {
		return synth.WriteFamilyLinksCSV(w, links)
	}); err != nil {
		return err
	}
	_, err = writeSyntheticKey(out, synth.PartnersKeyText(seed))
	return err
}
