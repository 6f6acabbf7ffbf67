package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/evaluate"
	"github.com/village-uk/village/internal/interventions"
)

// interventionEvaluationJSON is the JSON of `village evaluate
// --intervention`: the intervention's start and expected effect, and the
// evaluation of each of its series in the shape --start and --series give.
type interventionEvaluationJSON struct {
	Intervention string            `json:"intervention"`
	Start        string            `json:"start"`
	Expected     float64           `json:"expected"`
	Series       []evaluate.Report `json:"series"`
}

// evaluateIntervention evaluates the intervention the register in the
// store names on each of its series. It refuses the whole when any series
// cannot be evaluated, saying why for each.
func evaluateIntervention(ctx context.Context, e *env, db, name, format string) error {
	s, set, err := openJourneys(ctx, db, "")
	if err != nil {
		return err
	}
	defer s.Close()
	by, err := storeActor(ctx, s, "")
	if err != nil {
		return err
	}
	list, err := (&app.Interventions{Store: s.Interventions()}).List(ctx, by)
	if err != nil {
		return err
	}
	iv, err := interventionNamed(list, name)
	if err != nil {
		return err
	}
	expected := expectedOf(iv)
	results := evaluate.Each(set, iv.Start, iv.Series, expected)
	var errs []error
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("intervention %q: %w", iv.Name, err)
	}
	if format == "json" {
		out := interventionEvaluationJSON{Intervention: iv.Name, Start: isoDay(iv.Start), Expected: expected, Series: []evaluate.Report{}}
		for _, r := range results {
			out.Series = append(out.Series, evaluate.ReportOf(r.Series, r.Est))
		}
		return writeIndentedJSON(e.stdout, out)
	}
	return writeInterventionTables(e.stdout, iv, results)
}

// interventionNamed is the intervention with the name, matched without
// regard to case, or an error listing those the register holds.
func interventionNamed(list []interventions.Intervention, name string) (interventions.Intervention, error) {
	var names []string
	for _, iv := range list {
		if strings.EqualFold(strings.TrimSpace(iv.Name), strings.TrimSpace(name)) {
			return iv, nil
		}
		names = append(names, iv.Name)
	}
	if len(names) == 0 {
		return interventions.Intervention{}, fmt.Errorf("--intervention %q: the register holds no interventions; add them with `village interventions add` or `import`", name)
	}
	return interventions.Intervention{}, fmt.Errorf("--intervention %q: not in the register, which holds %s", name, strings.Join(names, "; "))
}

// writeInterventionTables writes each series' evaluation as a table,
// under a heading naming the intervention.
func writeInterventionTables(w io.Writer, iv interventions.Intervention, results []evaluate.Result) error {
	fmt.Fprintf(w, "%s, started %s: %d series, expected change %s\n", iv.Name, iv.Start.Long(), len(results), signed(expectedOf(iv)))
	for _, r := range results {
		fmt.Fprintln(w)
		if err := writeEvaluationTable(w, r.Series, r.Est); err != nil {
			return err
		}
	}
	return nil
}

// expectedOf is the intervention's expected effect, or
// evaluate.DefaultExpected when none is given.
func expectedOf(iv interventions.Intervention) float64 {
	if iv.HasEffect && iv.Effect != 0 {
		return iv.Effect
	}
	return evaluate.DefaultExpected
}
