package lux.imports;

/**
 * Published while an import runs so Teams (an updated card) and the console can show
 * progress. {@code rowsTotal} is null when the size is not known in advance.
 */
public sealed interface ImportEvent permits ImportEvent.Progress, ImportEvent.Finished {

    long importId();

    Long userId();

    String fileName();

    record Progress(long importId, Long userId, String fileName, long rowsDone, Long rowsTotal,
            long invalid) implements ImportEvent {
    }

    /** {@code failure} is null unless the whole file was refused (not a CSV, say). */
    record Finished(long importId, Long userId, String fileName, long created, long updated, long skipped, long invalid,
            boolean cancelled, String failure) implements ImportEvent {
    }

}
