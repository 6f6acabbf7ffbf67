package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// stdin is where --password-stdin reads from; tests replace it.
var stdin io.Reader = os.Stdin

// verb is one action of a command with several, such as users add.
type verb struct {
	usage string
	flags func(fs *flag.FlagSet)
	run   func(ctx context.Context, e *env, a *app.Accounts, by app.Actor, args []string) error
}

// accountFlags are the flags every verb of users and tokens takes.
type accountFlags struct {
	db   string
	user string // who makes the change, for the audit log
}

func (f *accountFlags) bind(fs *flag.FlagSet) {
	dbFlag(fs, &f.db)
	fs.StringVar(&f.user, "as", "", "who is making the change, for the audit log, as --user names the user elsewhere (default: the logged-in user)")
}

// runVerb parses the verb's flags from args and runs it on the store's
// accounts.
func runVerb(ctx context.Context, e *env, command string, verbs map[string]verb, args []string) error {
	v, err := pickVerb(command, verbs, args)
	if err != nil {
		return err
	}
	af, rest, err := parseVerbFlags(e, command, args[0], v.usage, v.flags, args[1:])
	if err != nil {
		return err
	}
	s, err := openStore(ctx, af.db)
	if err != nil {
		return err
	}
	defer s.Close()
	accounts := &app.Accounts{Directory: s.People(), Audit: s}
	return v.run(ctx, e, accounts, app.LocalActor(af.user), rest)
}

// parseVerbFlags parses the flags of a verb of the command, the flags
// every verb takes and its own, and returns them and what follows them.
func parseVerbFlags(e *env, command, name, usage string, flags func(*flag.FlagSet), args []string) (accountFlags, []string, error) {
	var af accountFlags
	fs := flag.NewFlagSet(command+" "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if flags != nil {
		flags(fs) // first, so that a verb's own --la is not dbFlag's
	}
	af.bind(fs)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: village %s %s %s\n\nFlags:\n", command, name, usage)
		fs.PrintDefaults()
	}
	err := fs.Parse(args)
	return af, fs.Args(), err
}

// pickVerb is the verb args start with, of the command's verbs.
func pickVerb[V any](command string, verbs map[string]V, args []string) (V, error) {
	var none V
	if len(args) == 0 {
		return none, fmt.Errorf("say what to do: %s", verbNames(verbs))
	}
	v, ok := verbs[args[0]]
	if !ok {
		return none, fmt.Errorf("no %s %q: expected %s", command, args[0], verbNames(verbs))
	}
	return v, nil
}

func verbNames[V any](verbs map[string]V) string {
	return strings.Join(slices.Sorted(maps.Keys(verbs)), ", ")
}

// oneName is the single user name a verb is given.
func oneName(args []string) (string, error) {
	if len(args) != 1 {
		return "", fmt.Errorf("give one user's name after the flags; %d arguments given", len(args))
	}
	return args[0], nil
}

func usersCommand() *command {
	return &command{
		name: "users",
		summary: "Manage who may sign in to village serve: add a local account (with its password on standard input), list the users, " +
			"disable one, set one's role, set the email address the decision register's notices go to, or set the authorities whose children they may see (a region's store: see the README, \"A region in one store\"). Roles: administrator (users and settings), analyst (exact figures and, with a reason, children's IDs), " +
			"manager (exact figures, no IDs), partner (publishable figures, for an agency), auditor (the audit log). Each change is written to the audit log.",
		usage:   "add|list|disable|set-role|set-email|set-la [--db DB] [--role ROLE] [--agency AGENCY] [--email ADDRESS] [--la CODE[,CODE]] [--password-stdin] NAME [ADDRESS|CODE[,CODE]]",
		example: "echo 'a long passphrase' | village users add --db village.db --role analyst --password-stdin r.analyst",
		run: func(ctx context.Context, e *env, args []string) error {
			return runVerb(ctx, e, "users", userVerbs(), args)
		},
	}
}

func userVerbs() map[string]verb {
	var (
		role, agency, display, email, las string
		fromStdin                         bool
	)
	roleFlags := func(fs *flag.FlagSet) {
		fs.StringVar(&role, "role", "", "the role: administrator, analyst, manager, partner or auditor")
		fs.StringVar(&agency, "agency", "", "a partner's agency, such as health, police or schools")
	}
	return map[string]verb{
		"add": {usage: "--role ROLE [--agency AGENCY] [--la CODE[,CODE]] --password-stdin NAME", flags: func(fs *flag.FlagSet) {
			roleFlags(fs)
			fs.StringVar(&las, "la", "", "the authorities (GSS codes, such as E06000999) whose children they may see; "+
				"none is every authority, which only a store of one authority allows")
			fs.StringVar(&display, "display-name", "", "the name pages greet them by")
			fs.StringVar(&email, "email", "", "their email address, where the decision register's notices reach them (the address alone, such as j.lead@council.gov.uk)")
			fs.BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input (never the command line)")
		}, run: func(ctx context.Context, e *env, a *app.Accounts, by app.Actor, args []string) error {
			name, err := oneName(args)
			if err != nil {
				return err
			}
			r, err := people.ParseRole(role)
			if err != nil {
				return fmt.Errorf("--role: %w", err)
			}
			authorities, err := people.ParseAuthorities(las)
			if err != nil {
				return fmt.Errorf("--la: %w", err)
			}
			if !fromStdin {
				return errors.New("give the password on standard input with --password-stdin, so that it is not in the shell's history")
			}
			password, err := readPassword(stdin)
			if err != nil {
				return err
			}
			u := people.User{Name: name, DisplayName: display, Role: r, Agency: agency, Email: email, Authorities: authorities}
			if err := a.AddUser(ctx, by, app.FromCommandLine, u, password); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Added %s as %s%s. They sign in on village serve's /sign-in page.\n", name, r, forAgency(agency))
			return nil
		}},
		"list": {usage: "", run: func(ctx context.Context, e *env, a *app.Accounts, _ app.Actor, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unexpected arguments %q", args)
			}
			users, err := a.Users(ctx)
			if err != nil {
				return err
			}
			return printUsers(e.stdout, users)
		}},
		"disable": {usage: "NAME", run: func(ctx context.Context, e *env, a *app.Accounts, by app.Actor, args []string) error {
			name, err := oneName(args)
			if err != nil {
				return err
			}
			if err := a.Disable(ctx, by, app.FromCommandLine, name); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Disabled %s: their sessions have ended and their tokens no longer work.\n", name)
			return nil
		}},
		"set-email": {usage: "NAME ADDRESS (blank to remove it)", run: func(ctx context.Context, e *env, a *app.Accounts, by app.Actor, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("give the user's name and their email address (or \"\" to remove it); %d arguments given", len(args))
			}
			if err := a.SetEmail(ctx, by, app.FromCommandLine, args[0], args[1]); err != nil {
				return err
			}
			if args[1] == "" {
				fmt.Fprintf(e.stdout, "%s has no email address now: they see their notices only when they sign in.\n", args[0])
				return nil
			}
			fmt.Fprintf(e.stdout, "%s's notices from the decision register will be emailed to %s.\n", args[0], args[1])
			return nil
		}},
		"set-la": {usage: "NAME CODE[,CODE] (blank for every authority, in a store of one)", run: func(ctx context.Context, e *env, a *app.Accounts, by app.Actor, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("give the user's name and the authorities' GSS codes, such as E06000999,E06000001 (or \"\" for every authority); %d arguments given", len(args))
			}
			authorities, err := people.ParseAuthorities(args[1])
			if err != nil {
				return err
			}
			if err := a.SetAuthorities(ctx, by, app.FromCommandLine, args[0], authorities); err != nil {
				return err
			}
			if len(authorities) == 0 {
				fmt.Fprintf(e.stdout, "%s may see every authority's children, in a store that holds one authority; a region's servers refuse them. Their sessions have ended.\n", args[0])
				return nil
			}
			fmt.Fprintf(e.stdout, "%s may see the children of %s, on the servers of those authorities; their sessions have ended.\n", args[0], strings.Join(authorities, ", "))
			return nil
		}},
		"set-role": {usage: "--role ROLE [--agency AGENCY] NAME", flags: roleFlags,
			run: func(ctx context.Context, e *env, a *app.Accounts, by app.Actor, args []string) error {
				name, err := oneName(args)
				if err != nil {
					return err
				}
				r, err := people.ParseRole(role)
				if err != nil {
					return fmt.Errorf("--role: %w", err)
				}
				if err := a.SetRole(ctx, by, app.FromCommandLine, name, r, agency); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s is now %s%s; their sessions have ended, so the role holds from their next sign-in.\n", name, r, forAgency(agency))
				return nil
			}},
	}
}

func forAgency(agency string) string {
	if agency == "" {
		return ""
	}
	return " for " + agency
}

// readPassword reads the first line of r.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}

func printUsers(w io.Writer, users []people.User) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tAGENCY\tEMAIL\tAUTHORITIES\tSIGNS IN WITH\tSTATUS")
	for _, u := range users {
		with, status := "a password", "active"
		if u.PasswordHash == "" {
			with = "an identity provider"
		}
		if u.Disabled {
			status = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", u.Name, u.Role, orDash(u.Agency), orDash(u.Email), authoritiesColumn(u.Authorities), with, status)
	}
	return tw.Flush()
}

// authoritiesColumn is a user's authorities as village users list shows
// them: "every" when none are given.
func authoritiesColumn(las []string) string {
	if len(las) == 0 {
		return "every"
	}
	return strings.Join(las, ",")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func tokensCommand() *command {
	return &command{
		name: "tokens",
		summary: "Manage personal access tokens for the JSON API, for Power BI and scripts: add one for a user (sent as Authorization: Bearer TOKEN) " +
			"(printed once, kept only as its hash), list them, or revoke one by its number. Each token acts with its user's role. Issuing and revoking are audited.",
		usage:   "add|list|revoke [--db DB] [--user NAME] [--expires 90d] [--name NAME] [ID]",
		example: "village tokens add --db village.db --user r.analyst --expires 90d --name power-bi",
		run: func(ctx context.Context, e *env, args []string) error {
			return runVerb(ctx, e, "tokens", tokenVerbs(), args)
		},
	}
}

func tokenVerbs() map[string]verb {
	var user, expires, name string
	userFlag := func(fs *flag.FlagSet) { fs.StringVar(&user, "user", "", "the user the token acts for") }
	return map[string]verb{
		"add": {usage: "--user NAME [--expires 90d] [--name NAME]", flags: func(fs *flag.FlagSet) {
			userFlag(fs)
			fs.StringVar(&expires, "expires", "90d", "how long the token lasts: days such as 90d, or a duration such as 12h")
			fs.StringVar(&name, "name", "token", "what the token is for, such as power-bi")
		}, run: func(ctx context.Context, e *env, a *app.Accounts, by app.Actor, args []string) error {
			if len(args) > 0 || user == "" {
				return errors.New("give the token's user with --user NAME, and no arguments")
			}
			life, err := people.ParseLife(expires)
			if err != nil {
				return fmt.Errorf("--expires: %w", err)
			}
			token, t, err := a.IssueToken(ctx, by, app.FromCommandLine, user, name, life)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "Token %d for %s, expiring %s. It is shown only now; keep it secret:\n", t.ID, user, t.Expires.UTC().Format(time.DateOnly))
			fmt.Fprintln(e.stdout, token)
			return nil
		}},
		"list": {usage: "[--user NAME]", flags: userFlag, run: func(ctx context.Context, e *env, a *app.Accounts, _ app.Actor, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unexpected arguments %q", args)
			}
			tokens, err := a.Tokens(ctx, user)
			if err != nil {
				return err
			}
			return printTokens(e.stdout, tokens)
		}},
		"revoke": {usage: "ID", run: func(ctx context.Context, e *env, a *app.Accounts, by app.Actor, args []string) error {
			if len(args) != 1 {
				return errors.New("give the number of the token to revoke (village tokens list shows them)")
			}
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("token %q: expected its number, as village tokens list shows", args[0])
			}
			if err := a.RevokeToken(ctx, by, app.FromCommandLine, id); err != nil {
				if errors.Is(err, store.ErrNoToken) {
					return fmt.Errorf("no token %d", id)
				}
				return err
			}
			fmt.Fprintf(e.stdout, "Revoked token %d.\n", id)
			return nil
		}},
	}
}

func printTokens(w io.Writer, tokens []people.Token) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSER\tNAME\tCREATED\tEXPIRES\tSTATUS")
	now := time.Now()
	for _, t := range tokens {
		status := "usable"
		switch {
		case t.Revoked:
			status = "revoked"
		case !t.Usable(now):
			status = "expired"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.User, t.Name, t.Created.UTC().Format(time.DateOnly), t.Expires.UTC().Format(time.DateOnly), status)
	}
	return tw.Flush()
}
