package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/store"
)

// registerVerb is one action of agencies or leads, on the store's
// decision register.
type registerVerb = storeVerb[*app.Register]

// runRegisterVerb runs one of the register's verbs: only an
// administrator may set the partnership up.
func runRegisterVerb(ctx context.Context, e *env, command string, verbs map[string]registerVerb, args []string) error {
	return runStoreVerb(ctx, e, command, verbs, args, func(s *store.Store) *app.Register {
		return &app.Register{Store: s.Decisions(), Users: s.People()}
	})
}

func agenciesCommand() *command {
	return &command{
		name: "agencies",
		summary: "Set up the partnership's agencies for the decision register (/decisions): add one (or, with --defaults, children's services, " +
			"education and SEND, health, police, schools and the voluntary sector), or list them. Each change is written to the audit log.",
		usage:   "add|list [--db DB] [--as NAME] [--defaults | ID NAME...]",
		example: "village agencies add --db village.db --as it.admin health Integrated care board",
		run: func(ctx context.Context, e *env, args []string) error {
			var defaults bool
			return runRegisterVerb(ctx, e, "agencies", map[string]registerVerb{
				"add": {usage: "[--defaults | ID NAME...]", flags: func(fs *flag.FlagSet) {
					fs.BoolVar(&defaults, "defaults", false, "add the usual agencies of a safeguarding partnership")
				}, run: func(ctx context.Context, e *env, r *app.Register, by app.Actor, args []string) error {
					add := decisions.DefaultAgencies
					if !defaults {
						if len(args) < 2 {
							return errors.New("give the agency's id and name, such as: health Integrated care board; or --defaults")
						}
						add = []decisions.Agency{{ID: args[0], Name: strings.Join(args[1:], " ")}}
					}
					for _, a := range add {
						if err := r.AddAgency(ctx, by, app.FromCommandLine, a); err != nil {
							return err
						}
						fmt.Fprintf(e.stdout, "Added agency %s (%s).\n", a.ID, a.Name)
					}
					return nil
				}},
				"list": {run: func(ctx context.Context, e *env, r *app.Register, _ app.Actor, _ []string) error {
					agencies, err := r.Agencies(ctx)
					if err != nil {
						return err
					}
					tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "ID\tNAME")
					for _, a := range agencies {
						fmt.Fprintf(tw, "%s\t%s\n", a.ID, a.Name)
					}
					return tw.Flush()
				}},
			}, args)
		},
	}
}

func leadsCommand() *command {
	return &command{
		name: "leads",
		summary: "Name who leads for which cohorts, so that the decision register tells them of each decision affecting those children: " +
			"add (or replace) a lead, who must be a user (village users add), or list them. Cohorts: " + strings.Join(decisions.Bases, ", ") +
			". With chair add|remove|list, mark the partnership's chairs, who are emailed when a lead has not acknowledged a decision by its due date. " +
			"Each change is written to the audit log.",
		usage:   "add|list|chair [--db DB] [--as NAME] [--agency ID --cohorts LIST --title TITLE] USER; chair add|remove|list [--db DB] [--as NAME] USER",
		example: "village leads add --db village.db --as it.admin --agency education --cohorts looked_after,care_leavers --title 'Virtual School Head' j.vsh",
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) > 0 && args[0] == "chair" {
				return runRegisterVerb(ctx, e, "leads chair", chairVerbs(), args[1:])
			}
			var agency, cohorts, title string
			return runRegisterVerb(ctx, e, "leads", map[string]registerVerb{
				"add": {usage: "--agency ID --cohorts LIST [--title TITLE] USER", flags: func(fs *flag.FlagSet) {
					fs.StringVar(&agency, "agency", "", "the lead's agency's id, such as education")
					fs.StringVar(&cohorts, "cohorts", "", "the cohorts they lead for, separated by commas, such as looked_after,care_leavers")
					fs.StringVar(&title, "title", "", "their role in words, such as Virtual School Head")
				}, run: func(ctx context.Context, e *env, r *app.Register, by app.Actor, args []string) error {
					name, err := oneName(args)
					if err != nil {
						return err
					}
					l := decisions.Lead{User: name, Agency: agency, Title: title, Cohorts: app.SplitList(cohorts)}
					if err := r.AddLead(ctx, by, app.FromCommandLine, l); err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "%s leads for %s (%s).\n", l.User, strings.Join(l.Cohorts, ", "), l.Agency)
					return nil
				}},
				"chair": {usage: "add|remove|list [--db DB] [--as NAME] USER"},
				"list": {run: func(ctx context.Context, e *env, r *app.Register, _ app.Actor, _ []string) error {
					leads, err := r.Leads(ctx)
					if err != nil {
						return err
					}
					tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "USER\tAGENCY\tTITLE\tCOHORTS")
					for _, l := range leads {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.User, l.Agency, l.Title, strings.Join(l.Cohorts, ","))
					}
					return tw.Flush()
				}},
			}, args)
		},
	}
}

// chairVerbs mark, unmark and list the partnership's chairs.
func chairVerbs() map[string]registerVerb {
	return map[string]registerVerb{
		"add": {usage: "USER", run: func(ctx context.Context, e *env, r *app.Register, by app.Actor, args []string) error {
			name, err := oneName(args)
			if err != nil {
				return err
			}
			if err := r.AddChair(ctx, by, app.FromCommandLine, name); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s is a chair of the partnership: they are told of notices unacknowledged by their due date.\n", name)
			return nil
		}},
		"remove": {usage: "USER", run: func(ctx context.Context, e *env, r *app.Register, by app.Actor, args []string) error {
			name, err := oneName(args)
			if err != nil {
				return err
			}
			if err := r.RemoveChair(ctx, by, app.FromCommandLine, name); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s is no longer a chair.\n", name)
			return nil
		}},
		"list": {run: func(ctx context.Context, e *env, r *app.Register, _ app.Actor, _ []string) error {
			chairs, err := r.Chairs(ctx)
			if err != nil {
				return err
			}
			if len(chairs) == 0 {
				fmt.Fprintln(e.stdout, "No chair is named: escalations go to no one (village leads chair add USER).")
			}
			for _, c := range chairs {
				fmt.Fprintln(e.stdout, c)
			}
			return nil
		}},
	}
}
