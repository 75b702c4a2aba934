package lux.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;

/**
 * A plain clone passes: no test, script or build file reaches outside the repository (our
 * machines keep reference material in a folder next to it, a user's clone does not).
 * Checks the text of every test source, build file and CI script for paths that leave the
 * repository.
 */
class SelfContainedTestsTest {

    private static final java.util.Set<String> SKIPPED = java.util.Set.of("node_modules", "target", ".git", "data");

    /** Written in pieces so this file does not match itself. */
    private static final List<String> OUTSIDE = List.of(".." + "/shared", "shared" + "/schemas", "/work" + "/",
            "LUX_SHARED" + "_DIR");

    @Test
    void testsAndBuildFilesStayInsideTheRepository() throws IOException {
        Path root = root();
        List<String> offenders = new ArrayList<>();
        for (Path f : files(root)) {
            String text = read(root.resolve(f));
            OUTSIDE.stream().filter(text::contains).forEach(p -> offenders.add(f + " mentions " + p));
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theCheckSeesTheFilesItMustCheck() throws IOException {
        Path root = root();
        assertThat(files(root).stream().map(Path::toString)).contains("pom.xml", ".ci/run",
                "manifests/src/test/java/lux/manifests/TeamsSchema.java", "bot/src/test/playground/playground-test.sh");
    }

    /**
     * The checked files, relative to the root; build output, dependencies and git's own
     * files are not walked.
     */
    private static List<Path> files(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(root) && SKIPPED.contains(name) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (checked(root.relativize(file))) {
                    found.add(root.relativize(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    private static boolean checked(Path relative) {
        String path = relative.toString().replace('\\', '/');
        boolean testCode = path.contains("/src/test/") && !path.contains("/src/test/resources/teams-manifest-schema/");
        return testCode || path.endsWith("pom.xml") || path.startsWith(".ci/") || path.startsWith(".mvn/")
                || path.equals("mvnw");
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("manifests"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
