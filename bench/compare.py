"""What the benchmarks share for `make bench BASELINE=REV`: the options
naming the baseline build, the order of alternating runs, and how a set of
runs and the ratio current/baseline are shown.

The builds run side by side in every round, which of them goes first
swapping every other round (current then baseline, baseline then current,
...), so that drifts of the machine and of the servers, and the place in a
round, hit both alike.
Each build's runs are shown as their median and range, and the ratio
current/baseline of the medians with the range of that ratio round by
round: when those ratios fall on both sides of 1.00 the difference is
within the noise of this run.
"""
import os
import statistics

CURRENT, BASELINE = "current", "baseline"


def add_args(ap):
    """The options bench/run.sh passes when BB_BENCH_BASELINE is set."""
    ap.add_argument("--baseline", metavar="DIR",
                    help="the baseline's build directory (bench/baseline.sh prints it)")
    ap.add_argument("--baseline-label", default="baseline", help="what the baseline is")
    ap.add_argument("--current-label", default="the current tree", help="what current is")


def builds(args, build):
    """{CURRENT: build dir, BASELINE: its build dir}, or {} without --baseline."""
    if not args.baseline:
        return {}
    if not os.access(os.path.join(args.baseline, "binbridge"), os.X_OK):
        raise SystemExit("no binbridge in the baseline build %s" % args.baseline)
    return {CURRENT: build, BASELINE: args.baseline}


def describe(args):
    """One line naming both builds."""
    return "current: %s; baseline: %s (%s)" % (args.current_label, args.baseline_label,
                                               os.path.dirname(args.baseline.rstrip("/")))


def order(n, builds, then=()):
    """The runs of round N (from 0): the BUILDS (names) as given in even
    rounds, swapped in odd ones, always side by side, then THEN (the
    third-party comparisons) in a place of their own: with an even number of
    rounds each build goes first as often as the other."""
    builds = list(builds)
    return (builds if n % 2 == 0 else builds[::-1]) + list(then)


def span(xs, fmt="%.0f"):
    """'min-max' of the runs XS; '-' for one run."""
    return "%s-%s" % (fmt % min(xs), fmt % max(xs)) if len(xs) > 1 else "-"


def spread(xs, fmt="%.3f"):
    """'median (min-max)' of the runs XS; one run is just its value."""
    if len(xs) == 1:
        return fmt % xs[0]
    return "%s (%s-%s)" % (fmt % statistics.median(xs), fmt % min(xs), fmt % max(xs))


# A difference is called more than noise only when every round agrees on
# its sign and there are enough rounds for that to be unlikely by chance:
# with 6, all alike happens 2 times in 64 (a sign test, p < 0.05).
MIN_ROUNDS = 6


def ratio(cur, base, words=("faster", "slower"), more="more runs"):
    """'1.03x, by round 0.98x-1.07x: within noise' for CUR/BASE, both lists
    of one figure per round (paired by round): the ratio of their medians,
    the range of the ratios round by round, and what to make of it. WORDS
    say what a ratio above 1, and one below, means for the current build;
    MORE how to ask for more rounds."""
    r = [c / b for c, b in zip(cur, base)]
    med = statistics.median(cur) / statistics.median(base)
    if len(r) == 1:
        return "%.2fx (one run each, no measure of the noise: %s)" % (med, more)
    if min(r) <= 1.0 <= max(r):
        verdict = "within noise"
    else:
        verdict = "current %s in all %d rounds" % (words[0] if min(r) > 1.0 else words[1], len(r))
        if len(r) < MIN_ROUNDS:
            verdict += ", too few to rule out noise (%s)" % more
    return "%.2fx, by round %.2fx-%.2fx: %s" % (med, min(r), max(r), verdict)
