package lux.imports;

/** Running totals of one import. */
record ImportCounts(long rowsDone, long created, long updated, long skipped, long invalid) {
    static final ImportCounts ZERO = new ImportCounts(0, 0, 0, 0, 0);

}
