# median: the median of the whole numbers read from stdin (separated by spaces or lines), as a whole number.
# Sourced by the benchmark scripts that report medians of runs.
median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
