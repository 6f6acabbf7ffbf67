package rules

import "github.com/village-uk/village/returns/ssda903"

// Rules on the Header's UASC flag, which only the XML layout carries: in a
// CSV return a child is UASC by having a row in the UASC table, so these
// rules have nothing to check there and pass.

func init() {
	register(
		&Rule{
			Code:    "105",
			Message: "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is invalid or has not been completed.",
			Caveat:  "Checked for XML returns only: the CSV layout has no UASC flag.",
			Tables:  []ssda903.TableName{ssda903.Header}, Fields: []string{"UASC"},
			Check: check105,
		},
		&Rule{
			Code:        "303",
			Message:     "If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC status must be coded 1.",
			Description: "If <DUC> is provided, then <UASC> must be '1'.",
			Caveat:      "Checked for XML returns only: the CSV layout has no UASC flag.",
			Tables:      []ssda903.TableName{ssda903.UASC, ssda903.Header}, Fields: []string{"DUC", "UASC"},
			Check: check303,
		},
	)
}

// check105: <UASC> must be present and 0 or 1.
func check105(c *Context) {
	if !c.This.UASCFlag {
		return
	}
	for _, h := range c.This.Header {
		if h.UASC != "0" && h.UASC != "1" {
			c.Fail(h.Ref, invalidCode("UASC", h.UASC, c.Year))
		}
	}
}

// check303: if <DUC> is provided, the child's <UASC> must be 1. Both the
// UASC row and the child's Header row are flagged.
func check303(c *Context) {
	if !c.This.UASCFlag {
		return
	}
	for _, u := range c.This.UASC {
		if u.DUC.Blank() {
			continue
		}
		h := c.This.HeaderOf(u.CHILD)
		if h == nil || h.UASC == "1" {
			continue
		}
		why := "DUC is " + u.DUC.Text + " but the Header's UASC flag is " + quoteOrBlank(h.UASC)
		c.Fail(u.Ref, why, "DUC")
		c.Fail(h.Ref, why, "UASC")
	}
}

// quoteOrBlank shows a value in quotes, or says it is blank.
func quoteOrBlank(s string) string {
	if s == "" {
		return "blank"
	}
	return `"` + s + `"`
}
