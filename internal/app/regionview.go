package app

import (
	"context"
	"slices"
	"time"

	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/store"
)

// RegionView is a group's stored figures as published to every member:
// for each period, each figure of each member side by side with the
// group's. It holds only the suppressed figures (Shown), never the exact
// ones, so it may be shown to any member.
type RegionView struct {
	Group     string         `json:"group,omitempty"`     // "" for members side by side with no group
	Mode      string         `json:"mode"`                // whether the figures may be published
	Refreshed string         `json:"refreshed,omitempty"` // when the figures were computed (RFC 3339, UTC); "" for never
	Members   []RegionColumn `json:"members"`
	Periods   []RegionPeriod `json:"periods"` // latest first
}

// PublishedMode is the mode of a group's figures: as published to every
// member.
const PublishedMode = "publishable: counts of 1 to 5, and figures derived from them, suppressed as c"

// RegionColumn is a member as the view heads its column.
type RegionColumn struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// RegionPeriod is one period's figures.
type RegionPeriod struct {
	Period string      `json:"period"`
	Rows   []RegionRow `json:"rows"`
}

// RegionRow is one figure for each member and for the group.
type RegionRow struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Unit    string   `json:"unit"`
	Members []string `json:"members"`         // as published, in the order of the view's members; x where a member has none
	Group   string   `json:"group,omitempty"` // the group's, as published; "" in a view of members alone
	Note    string   `json:"note,omitempty"`
}

// figureKey finds a stored figure.
type figureKey struct{ member, period, id string }

// NewRegionView arranges the group's stored figures; latest keeps only the
// latest period.
func NewRegionView(g store.RegionGroup, stored store.RegionFigures, latest bool) RegionView {
	v := RegionView{Group: g.Name, Mode: PublishedMode, Members: []RegionColumn{}, Periods: []RegionPeriod{}}
	if !stored.Refreshed.IsZero() {
		v.Refreshed = stored.Refreshed.UTC().Format(time.RFC3339)
	}
	for _, m := range g.Members {
		v.Members = append(v.Members, RegionColumn{Code: m.Code, Name: m.Label()})
	}
	byKey := map[figureKey]store.RegionFigure{}
	var periods []string
	for _, f := range stored.Figures {
		byKey[figureKey{f.Member, f.Period, f.Indicator}] = f
		if !slices.Contains(periods, f.Period) {
			periods = append(periods, f.Period)
		}
	}
	// Collection years' labels (2024/25) sort as the years do.
	slices.Sort(periods)
	slices.Reverse(periods)
	if latest && len(periods) > 1 {
		periods = periods[:1]
	}
	for _, p := range periods {
		v.Periods = append(v.Periods, regionPeriod(g, byKey, p))
	}
	return v
}

// regionPeriod is the rows of one period, in the order the indicators are
// listed, then the region's own figures.
func regionPeriod(g store.RegionGroup, byKey map[figureKey]store.RegionFigure, period string) RegionPeriod {
	out := RegionPeriod{Period: period}
	row := func(id, title, unit string) {
		group, ok := byKey[figureKey{"", period, id}]
		if !ok {
			return
		}
		r := RegionRow{ID: id, Title: title, Unit: unit, Group: group.Shown, Note: group.Note}
		for _, m := range g.Members {
			shown := "x"
			if f, ok := byKey[figureKey{m.Code, period, id}]; ok {
				shown = f.Shown
			}
			r.Members = append(r.Members, shown)
		}
		out.Rows = append(out.Rows, r)
	}
	for _, ind := range indicators.All() {
		row(ind.ID, ind.Title, ind.Unit)
	}
	for _, id := range []string{RegionDuring, RegionCountedOnce, RegionCountedTwice} {
		row(id, regionOwnTitles[id], indicators.Children)
	}
	return out
}

// ShowRegion reads the group's stored figures and arranges them.
func ShowRegion(ctx context.Context, s *store.Store, group string, latest bool) (RegionView, error) {
	g, err := s.RegionGroup(ctx, group)
	if err != nil {
		return RegionView{}, err
	}
	stored, err := s.RegionFiguresOf(ctx, group, latest)
	if err != nil {
		return RegionView{}, err
	}
	return NewRegionView(g, stored, latest), nil
}
