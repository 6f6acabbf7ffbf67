package app

import (
	"fmt"
	"path/filepath"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// YearMismatch is the error of a return whose dates belong to another
// collection year than the one its folder's name (or the year given)
// claims: the 2024/25 files copied into a folder named 2025-26 would
// otherwise replace the stored 2025/26 without a word.
type YearMismatch struct {
	Folder  string
	Claimed calendar.Year // the year the folder's name or the caller gave
	Data    calendar.Year // the year the episodes' dates belong to
}

func (e *YearMismatch) Error() string {
	return fmt.Sprintf("%s is taken as the %s return, but its episodes' dates (DECOM and DEC) are those of a %s return; "+
		"move its files to a folder named %s, or give --force to use them as %s",
		e.Folder, e.Claimed, e.Data, folderName(e.Data), e.Claimed)
}

// folderName is the name of a year's folder: "2025-26".
func folderName(y calendar.Year) string {
	start := y.Start().Year()
	return fmt.Sprintf("%d-%02d", start, (start+1)%100)
}

// checkYear returns a *YearMismatch when the return's episodes date it to
// another collection year than ret.Year (ssda903.InferYear: the latest
// year holding a fair share of the DECOM and DEC dates, so a few mistyped
// dates do not move it). A return without episode dates is not checked.
func checkYear(dir string, ret *ssda903.Return) error {
	data, ok := ssda903.InferYear(ret)
	if !ok || data == ret.Year {
		return nil
	}
	return &YearMismatch{Folder: filepath.Clean(dir), Claimed: ret.Year, Data: data}
}
