package lux.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the file to import. Background imports open it later on another thread, so
 * callers holding an upload stream should save it to a file first and pass
 * {@link #of(Path)}.
 */
@FunctionalInterface
public interface ImportSource {

    InputStream open() throws IOException;

    static ImportSource of(Path path) {
        return () -> Files.newInputStream(path);
    }

    static ImportSource of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return () -> new ByteArrayInputStream(copy);
    }

}
