package validate_test

import (
	"fmt"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/validate"
)

// register is a return of one table, Register, whose rows are children
// and their ages.
type register struct{ rows [][2]string } // CHILD, AGE

func (r *register) Has(need validate.Need) bool               { return need == 0 }
func (r *register) HasTable(t validate.Table, last bool) bool { return t == "Register" && !last }
func (r *register) Child(ref validate.Ref) (string, bool)     { return r.rows[ref.Row][0], true }
func (r *register) Value(ref validate.Ref, field string) (string, bool) {
	if field == "AGE" {
		return r.rows[ref.Row][1], true
	}
	return "", false
}

// context is what the register's checks see.
type context struct {
	*register
	*validate.Recorder
}

// Rule is one of the register's rules.
type Rule = validate.Rule[*context]

var ruleAgeGiven = &Rule{
	Code: "R1", Message: "Age must be given.", Tables: []validate.Table{"Register"}, Fields: []string{"AGE"},
	Check: func(c *context) {
		for i, row := range c.rows {
			if row[1] == "" {
				c.Fail(validate.Ref{Table: "Register", Row: i}, "AGE is blank", "AGE")
			}
		}
	},
}

func Example() {
	set := validate.NewSet(validate.About{Return: "Register", Years: []calendar.Year{2026}},
		[]*Rule{ruleAgeGiven})
	in := &register{rows: [][2]string{{"A", "7"}, {"B", ""}}}
	rep := set.Run(in, 2026, set.For(2026), func(r *validate.Recorder) *context { return &context{in, r} })
	for _, f := range rep.Failures {
		fmt.Printf("%s %s row %d, child %s: %s %v\n", f.Rule.Code, f.Table, f.Row, f.Child, f.Explanation, f.Fields)
	}
	s := rep.Summarise()
	fmt.Printf("%d failure, %d child\n", s.Failures, s.Children)
	// Output:
	// R1 Register row 2, child B: AGE is blank [{AGE }]
	// 1 failure, 1 child
}
