// Package forecast projects the children looked after by an authority,
// by placement category and age band, and their cost, month by month for
// up to five years, with intervals from seeded Monte Carlo simulation.
//
// Estimate learns rates from a reference window of the journeys: time in
// care in each state (age band × time in the current period of care, in
// the pieces of Duration, × Category), moves between categories, exits by
// reason (Exit) and entries per child in the population by band (over the
// window's last year, with their month-to-month dispersion). Forecast
// draws every rate from its sampling uncertainty in each simulation, steps
// each child month by month (ageing exactly, leaving at 18, moving on in
// time in care) and summarises every series as a median with 50% and 90% intervals
// (Result), with spend by financial year from weekly unit costs (Costs)
// and, for a Scenario, the difference from the baseline worked out run by
// run. RunBacktest fits on the history up to a past date and compares the
// following months with what happened and with two naive forecasts.
//
// METHOD.md explains the method for a finance officer.
package forecast
