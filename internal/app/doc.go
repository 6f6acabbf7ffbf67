// Package app holds Village's use cases, the things a person does with
// it, written once and called by both the command line (cmd/village) and
// the web (internal/web):
//
//   - Load reads one or more years of returns from folders, validates each
//     year that has a rule set against the years before it, and stores
//     them all or nothing with their failures;
//   - ViewChild shows one child's journey, after the view is written to
//     the audit log: if it cannot be, nothing is shown;
//   - RecordAccess records, in one transaction, a view of the IDs of the
//     children behind a figure, one audit entry per child, before any ID
//     is shown.
//
// Each use case that touches a child's record takes the Actor, the person
// acting, explicitly. The command line names the person at the keyboard;
// the web takes the actor from the request's context, where a middleware
// put it (see WithActor and ActorFrom): today from a trusted reverse
// proxy's header or the one local user, later from a sign-in session.
//
// No error or log line from this package names a child: an ID is
// personal data, and errors end up in logs, terminals and bug reports.
package app
