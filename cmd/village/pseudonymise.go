package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/village-uk/village/internal/pseudonym"
)

// keyFileVariable names the environment variable that may name the key
// file instead of --key.
const keyFileVariable = "VILLAGE_PSEUDONYM_KEY_FILE"

type pseudonymiseOptions struct {
	key, newKey, columns string
}

func pseudonymiseCommand() *command {
	o := &pseudonymiseOptions{}
	return &command{
		name: "pseudonymise",
		summary: "pseudonymise replaces children's identifiers in a CSV file with keyed pseudonyms, so that a partner (a school, a holiday programme provider) can link its records with the council's without sending any child's identity. " +
			"Each value of the --columns is replaced by HMAC-SHA-256, under the council's key, of the identifier's kind and its normalised form (spaces dropped, capitals; a UPN's check letter and an NHS number's check digit verified), written as 32 capitals and digits; other columns are copied as they are. " +
			"The same identifier gives the same pseudonym under the same key however it is written; another key gives another. An invalid identifier is left blank and reported by line and column, never by its value (exit 1). " +
			"The key is read from the file --key (or " + keyFileVariable + "), never from the command line or standard input; --new-key FILE writes a new one, readable by its owner only. Kinds: " + pseudonym.Kinds() + ", told from the column's name (UPN, NHS number, CHILD, LAchildID) unless written COLUMN:KIND.",
		usage:   "--key FILE --columns COL[:KIND],... IN.csv > OUT.csv   |   --new-key FILE",
		example: "village pseudonymise --key council.key --columns \"UPN,Pupil ref:la_child_id\" haf-summer.csv > haf-summer-pseudonymised.csv",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&o.key, "key", "", "the file holding the council's key (default: $"+keyFileVariable+")")
			fs.StringVar(&o.newKey, "new-key", "", "write a new key to this file (which must not exist) and stop")
			fs.StringVar(&o.columns, "columns", "", "the columns to pseudonymise, COLUMN[:KIND] separated by commas")
		},
		run: func(ctx context.Context, e *env, args []string) error { return runPseudonymise(e, o, args) },
	}
}

func runPseudonymise(e *env, o *pseudonymiseOptions, args []string) error {
	if o.newKey != "" {
		if o.key != "" || o.columns != "" || len(args) > 0 {
			return errors.New("--new-key writes a key and does nothing else; give it alone")
		}
		if err := pseudonym.WriteKeyFile(o.newKey); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote a new key to %s (readable by its owner only). Keep it safe and give it only to those who pseudonymise for the council: a lost key cannot link new files with old ones.\n", o.newKey)
		return nil
	}
	key, err := keyFrom(o.key)
	if err != nil {
		return err
	}
	if o.columns == "" {
		return errors.New("--columns is needed: the columns holding identifiers, such as --columns UPN")
	}
	cols, err := pseudonym.ParseColumns(o.columns)
	if err != nil {
		return err
	}
	in, name, closeIn, err := inputOf(e, args)
	if err != nil {
		return err
	}
	defer closeIn()
	out := bufio.NewWriter(e.stdout)
	sum, err := key.CSV(name, in, out, cols)
	if err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("writing the output: %w", err)
	}
	fmt.Fprintf(e.stderr, "%s: %d rows; %d identifiers pseudonymised, %d blank, %d invalid (left blank)\n", name, sum.Rows, sum.Done, sum.Blank, sum.Invalid)
	for _, p := range sum.Problems {
		fmt.Fprintln(e.stderr, terminal(p.Error()))
	}
	if sum.Truncated {
		fmt.Fprintf(e.stderr, "... the first %d invalid identifiers are listed\n", pseudonym.MaxProblems)
	}
	if sum.Invalid > 0 {
		return dataErrors
	}
	return nil
}

// keyFrom reads the key from the file given, or else the one the
// environment names. The key never comes from standard input, where it
// could be typed and echoed, or from the command line, where ps shows it.
func keyFrom(file string) (pseudonym.Key, error) {
	if file == "" {
		file = os.Getenv(keyFileVariable)
	}
	if file == "" {
		return pseudonym.Key{}, errors.New("--key is needed: the file holding the council's key (or set " + keyFileVariable + "); make one with --new-key FILE")
	}
	if file == "-" {
		return pseudonym.Key{}, errors.New("--key -: the key is read from a file, never from standard input")
	}
	return pseudonym.ReadKeyFile(file)
}

// inputOf opens the file named in args, or standard input when there is
// none or it is "-"; standard input at a terminal is refused, as nobody
// types a CSV file.
func inputOf(e *env, args []string) (io.Reader, string, func(), error) {
	switch {
	case len(args) > 1:
		return nil, "", nil, fmt.Errorf("one input file at a time; given %d", len(args))
	case len(args) == 1 && args[0] != "-":
		f, err := os.Open(args[0])
		if err != nil {
			return nil, "", nil, fmt.Errorf("reading the input: %w", err)
		}
		return f, args[0], func() { f.Close() }, nil
	case e.stdinTerminal:
		return nil, "", nil, errors.New("no input file: give IN.csv, or pipe the file to standard input")
	}
	return e.stdin, "standard input", func() {}, nil
}
