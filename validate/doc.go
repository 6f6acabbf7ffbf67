// Package validate is the rule engine for any statutory return: it runs a
// return's validation rules over one collection year's data, in parallel,
// and reports the rows that break them, the rules skipped for want of
// input, and counts of both.
//
// A return declares its rules as values of Rule[C], where C is the
// return's own context (its typed tables and a Recorder), groups them into
// families by theme, and builds one Set from the families with NewSet. The
// set answers which rules apply in a collection year and runs them.
// Failures, skips, reports and summaries point at a rule's Info, which
// carries no type parameter, so that the command line, the report writer,
// the store and the web read results without knowing the return's types.
//
// The engine knows nothing of any one return: the return names its tables
// (Table), its inputs beyond the year's own data (Need, NeedNames) and
// answers, through Input, what it holds and what a row's values are. The
// only input the engine itself names is the previous year's return
// (NeedLast), because a Ref may point into it.
//
// The package imports no file system, database or network code, so that
// it builds for WebAssembly and runs in a browser.
package validate
