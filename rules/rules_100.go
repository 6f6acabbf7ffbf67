package rules

import "github.com/village-uk/village/ssda903"

// Rules 101 to 199: whether each item is a valid code or date.

func init() {
	register(
		&Rule{
			Code: "101", Message: "The child or young person’s reported sex is not valid.",
			Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"SEX"},
			From: 2025, Check: check101,
		},
		&Rule{
			Code: "103", Message: "The ethnicity code is either not valid or has not been entered.",
			Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"ETHNIC"},
			Check: check103,
		},
	)
}

// check101: <SEX> must be present and a valid code (M, F or U from 2024/25).
func check101(c *Context) {
	for _, h := range c.This.Header {
		if !ssda903.ValidCode("SEX", h.SEX, c.Year) {
			c.Fail(h.Ref, invalidCode("SEX", h.SEX, c.Year))
		}
	}
}

// check103: <ETHNIC> must be present and a valid code.
func check103(c *Context) {
	for _, h := range c.This.Header {
		if !ssda903.ValidCode("ETHNIC", h.ETHNIC, c.Year) {
			c.Fail(h.Ref, invalidCode("ETHNIC", h.ETHNIC, c.Year))
		}
	}
}
