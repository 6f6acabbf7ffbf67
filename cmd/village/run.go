package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/village-uk/village/calendar"
	"golang.org/x/term"
)

// Exit statuses, the same for every subcommand.
const (
	exitOK       = 0 // done, and the data had no errors
	exitDataErr  = 1 // done, and the data has errors to fix
	exitUnusable = 2 // the command line or the input could not be used
)

// command is one subcommand. Subcommands stay thin: they parse flags,
// call the domain packages and print.
type command struct {
	name    string
	summary string
	usage   string // the arguments after the flags
	example string
	flags   func(fs *flag.FlagSet)                                   // binds the command's flags to its options
	run     func(ctx context.Context, env *env, args []string) error // args: what follows the flags
}

// env is what a subcommand may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdinTerminal  bool // whether stdin is a terminal, at which a command may prompt
	stdout, stderr io.Writer
	log            *slog.Logger
}

// dataErrors is returned by a subcommand that finished but found errors
// in the data; the message has already been printed.
var dataErrors = errors.New("the data has errors")

func commands() []*command {
	return []*command{demoCommand(), synthCommand(), benchmarkCommand(), readCommand(), validateCommand(), rulesCommand(), loadCommand(), childCommand(), attentionCommand(), sufficiencyCommand(), auditCommand(), indicatorsCommand(), serveCommand(), usersCommand(), tokensCommand(), agenciesCommand(), leadsCommand(), decisionsCommand(), packCommand(), regionCommand(), forecastCommand(), pseudonymiseCommand(), siteCommand(), interventionsCommand(), savingsCommand(), evaluateCommand(), moversCommand()}
}

// Run runs the command line args (without the program name) and returns
// the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runEnv(ctx, args, &env{stdin: os.Stdin, stdinTerminal: term.IsTerminal(int(os.Stdin.Fd())), stdout: stdout, stderr: stderr})
}

// runEnv runs the command line args in e, and returns the exit status.
func runEnv(ctx context.Context, args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	e.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c := find(args[1]); c != nil {
				printCommandHelp(stdout, c)
				return exitOK
			}
		}
		printHelp(stdout)
		if len(args) == 0 {
			return exitUnusable
		}
		return exitOK
	}
	c := find(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "village: unknown command %q; run \"village help\" for the list\n", args[0])
		return exitUnusable
	}
	fs := newFlagSet(c, stderr)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUnusable // the flag package has printed the problem and the usage
	}
	err := c.run(ctx, e, fs.Args())
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, dataErrors):
		return exitDataErr
	}
	fmt.Fprintf(stderr, "village %s: %v\n", c.name, err)
	return exitUnusable
}

func find(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Village checks, keeps and analyses a local area's children's services data.")
	fmt.Fprintln(w, "\nUsage: village <command> [flags] [arguments]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, firstClause(c.summary))
	}
	fmt.Fprintln(w, "\nRun \"village <command> -h\" for a command's flags and an example.")
}

func printCommandHelp(w io.Writer, c *command) {
	fs := newFlagSet(c, w)
	fs.Usage()
}

// newFlagSet returns the flag set of a command, whose usage message says
// what the command does, lists its flags and gives an example.
func newFlagSet(c *command, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(w)
	if c.flags != nil {
		c.flags(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(w, "Usage: village %s [flags] %s\n\n%s\n", c.name, c.usage, c.summary)
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(w)
		if b.Len() > 0 {
			fmt.Fprintf(w, "\nFlags:\n%s", b.String())
		}
		fmt.Fprintf(w, "\nExample:\n  %s\n", c.example)
	}
	return fs
}

// optionalYear parses a --year flag; an empty flag is year zero, which
// readers take to mean "the year the data covers".
func optionalYear(text string) (calendar.Year, error) {
	if text == "" {
		return 0, nil
	}
	return calendar.ParseYear(text)
}

// readFile opens a file and reads it with read.
func readFile[T any](path string, read func(name string, r io.Reader) (T, error)) (T, error) {
	fh, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer fh.Close()
	return read(path, fh)
}

// firstClause is a summary up to its first colon or full stop that ends
// a clause (followed by a space or the end), for the list of commands: a
// full stop inside a word (".xlsx", "e.g.") does not end it.
func firstClause(summary string) string {
	for i, r := range summary {
		if r != ':' && r != '.' {
			continue
		}
		if rest := summary[i+1:]; i > 0 && (rest == "" || rest[0] == ' ') {
			return summary[:i]
		}
	}
	return summary
}
