// Package evaluate answers "is it working, or too early to tell?" for an
// intervention on a monthly series of counts (children starting to be
// looked after, ceases by route, placement moves, days to permanence): a
// segmented regression for counts (Poisson, or negative binomial when the
// series is over-dispersed) with the pre-existing trend and seasonality,
// giving the change in level and in slope at the start date with 95%
// intervals; the months after the start needed to detect the expected
// effect with 80% power; the control chart re-based at the start; and the
// answer in words. It is domain only: series come in, estimates go out;
// no store, no HTTP. METHOD.md explains the method.
package evaluate
