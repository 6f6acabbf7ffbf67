package families

import "github.com/village-uk/village/internal/disclose"

// Figure is one of recurrent care's figures as a disclosure policy lets
// it be published.
type Figure struct {
	ID, Title, Definition string
	Unit                  string // "mothers", "%" or "days"
	Value                 disclose.Cell
}

// Figures are the result's figures as the policy publishes them: counts
// of 1 to 5, and the share and median built on them, as c in publishable
// mode. None names a mother.
func (r Result) Figures(policy disclose.Policy) []Figure {
	share := 0.0
	if r.StartsUnder1 > 0 {
		share = 100 * float64(r.WithSibling) / float64(r.StartsUnder1)
	}
	median, known := r.MedianInterval()
	return []Figure{
		{ID: "recurrent_care_mothers", Title: "Birth mothers with a second or later child entering care",
			Definition: "Birth mothers (from the family-link file) with a child who first entered care in the period after an " +
				"earlier child of theirs had first entered care, on an earlier day. Children entering care on the same day " +
				"(twins, siblings removed together) are not a recurrence.",
			Unit: "mothers", Value: policy.Count(r.Mothers)},
		{ID: "starts_under1_previous_sibling_share", Title: "Share of babies entering care whose mother had an earlier child in care",
			Definition: "Children who first entered care in the period aged under 1, whether or not the family-link file has " +
				"them: the share whose birth mother had an earlier child first enter care before them. A baby with no line " +
				"in the file counts as having no earlier sibling known.",
			Unit: "%", Value: policy.Share(share, 1, r.StartsUnder1 > 0, r.WithSibling, r.StartsUnder1)},
		{ID: "recurrent_care_interval_median", Title: "Median days between a mother's removals",
			Definition: "For each child counted in recurrent_care_mothers, the days from the first entry to care of the mother's " +
				"child before them to their own; the median. An earlier child whose care began before the first loaded " +
				"return is left out, since the day is not known.",
			Unit: "days", Value: policy.Number(median, 0, known, len(r.Intervals))},
	}
}
