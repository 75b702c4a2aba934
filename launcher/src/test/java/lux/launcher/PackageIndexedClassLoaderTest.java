package lux.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import lux.launcher.fixture.Greeting;
import lux.launcher.fixture.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.Handlers;
import org.springframework.boot.loader.net.protocol.jar.JarUrl;

/**
 * The indexed loader answers as Spring Boot's plain loader does, over a real executable
 * jar with nested jars: each question is asked of both and the answers compared.
 */
class PackageIndexedClassLoaderTest {

    private static final String GREETING = Greeting.class.getName();

    private static final String VERSIONED = Versioned.class.getName();

    @TempDir
    static Path folder;

    private static URL[] classPath;

    private LaunchedClassLoader plain;

    private PackageIndexedClassLoader indexed;

    @BeforeAll
    static void packAnExecutableJar() throws IOException {
        Handlers.register();
        Map<String, byte[]> first = new LinkedHashMap<>();
        first.put("lux/launcher/fixture/Greeting.class", classFile(Greeting.class));
        first.put("shared/both.txt", text("from the first jar"));
        first.put("root.txt", text("first root"));
        first.put("dir/with space.txt", text("spaced"));
        Map<String, byte[]> second = new LinkedHashMap<>();
        second.put("lux/launcher/fixture/Greeting.class", classFile(Greeting.class));
        second.put("shared/both.txt", text("from the second jar"));
        second.put("only/second.txt", text("second only"));
        Map<String, byte[]> multiRelease = new LinkedHashMap<>();
        multiRelease.put("META-INF/versions/11/lux/launcher/fixture/Versioned.class", classFile(Versioned.class));
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("BOOT-INF/classes/app.txt", text("application"));

        Path jar = folder.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest("Outer", false))) {
            writeDirectories(out, classes.keySet());
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                write(out, entry.getKey(), entry.getValue(), false);
            }
            write(out, "BOOT-INF/lib/first.jar", jar(first, manifest("First", false)), true);
            write(out, "BOOT-INF/lib/second.jar", jar(second, manifest("Second", false)), true);
            write(out, "BOOT-INF/lib/versions.jar", jar(multiRelease, manifest("Versions", true)), true);
        }
        File file = jar.toFile();
        classPath = new URL[] { JarUrl.create(file, "BOOT-INF/classes/"), JarUrl.create(file, "BOOT-INF/lib/first.jar"),
                JarUrl.create(file, "BOOT-INF/lib/second.jar"), JarUrl.create(file, "BOOT-INF/lib/versions.jar") };
    }

    @BeforeEach
    void loaders() {
        // the platform loader as parent, so the fixtures are not found on the test's
        // class path first
        this.plain = new LaunchedClassLoader(false, classPath, ClassLoader.getPlatformClassLoader());
        this.indexed = new PackageIndexedClassLoader(null, classPath, ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void close() throws IOException {
        this.plain.close();
        this.indexed.close();
    }

    @Test
    void aClassInTwoJarsComesFromTheFirstWithTheSameCodeSourceAndPackage() throws Exception {
        Class<?> fromPlain = this.plain.loadClass(GREETING);
        Class<?> fromIndexed = this.indexed.loadClass(GREETING);

        assertThat(fromIndexed.getClassLoader()).isSameAs(this.indexed);
        assertThat(fromIndexed.getDeclaredConstructor().newInstance()).hasToString("hello");
        assertThat(fromIndexed.getProtectionDomain().getCodeSource().getLocation())
            .isEqualTo(fromPlain.getProtectionDomain().getCodeSource().getLocation())
            .isEqualTo(classPath[1]);
        assertThat(fromIndexed.getPackage().getImplementationTitle())
            .isEqualTo(fromPlain.getPackage().getImplementationTitle())
            .isEqualTo("First");
    }

    @Test
    void aClassOnlyUnderAMultiReleaseVersionIsFoundAsThePlainLoaderFindsIt() throws Exception {
        Class<?> fromPlain = this.plain.loadClass(VERSIONED);
        Class<?> fromIndexed = this.indexed.loadClass(VERSIONED);

        assertThat(fromIndexed.getProtectionDomain().getCodeSource().getLocation())
            .isEqualTo(fromPlain.getProtectionDomain().getCodeSource().getLocation())
            .isEqualTo(classPath[3]);
    }

    @Test
    void aMissingClassIsMissingFromBoth() {
        assertThatThrownBy(() -> this.plain.loadClass("lux.launcher.fixture.Missing"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> this.indexed.loadClass("lux.launcher.fixture.Missing"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> this.indexed.loadClass("nowhere.AtAll")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void resourcesAreTheSameUrlsInTheSameOrder() throws IOException {
        for (String name : List.of("shared/both.txt", "only/second.txt", "root.txt", "app.txt",
                "lux/launcher/fixture/Greeting.class", "META-INF/MANIFEST.MF", "missing.txt", "shared/missing.txt",
                "dir/with space.txt", "shared/", "lux/launcher/", "shared", "/root.txt", "shared/../root.txt")) {
            assertThat(string(this.indexed.getResource(name))).as(name).isEqualTo(string(this.plain.getResource(name)));
            assertThat(strings(this.indexed.getResources(name))).as(name)
                .isEqualTo(strings(this.plain.getResources(name)));
        }
        assertThat(strings(this.indexed.getResources("shared/both.txt"))).hasSize(2);
        try (InputStream in = this.indexed.getResourceAsStream("shared/both.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from the first jar");
        }
    }

    @Test
    void namesTheIndexCannotAnswerExactlyTakeThePlainRoad() {
        assertThat(PackageIndexedClassLoader.indexable("a/b/C.class")).isTrue();
        assertThat(PackageIndexedClassLoader.indexable("a/b/")).isFalse();
        assertThat(PackageIndexedClassLoader.indexable("a b.txt")).isFalse();
        assertThat(PackageIndexedClassLoader.indexable("a/../b.txt")).isFalse();
        assertThat(PackageIndexedClassLoader.indexable("/b.txt")).isFalse();
        assertThat(PackageIndexedClassLoader.indexable("")).isFalse();
        assertThat(PackageIndexedClassLoader.directoryOf("a/b/C.class")).isEqualTo("a/b/");
        assertThat(PackageIndexedClassLoader.directoryOf("a/b/")).isEqualTo("a/");
        assertThat(PackageIndexedClassLoader.directoryOf("root.txt")).isEmpty();
    }

    private static String string(URL url) {
        return (url != null) ? url.toString() : null;
    }

    private static List<String> strings(java.util.Enumeration<URL> urls) {
        List<String> all = new ArrayList<>();
        for (URL url : Collections.list(urls)) {
            all.add(url.toString());
        }
        return all;
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Manifest manifest(String title, boolean multiRelease) {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.IMPLEMENTATION_TITLE, title);
        if (multiRelease) {
            attributes.put(Attributes.Name.MULTI_RELEASE, "true");
        }
        return manifest;
    }

    private static byte[] jar(Map<String, byte[]> entries, Manifest manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            writeDirectories(out, entries.keySet());
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                write(out, entry.getKey(), entry.getValue(), false);
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Directory entries as a build writes them, so directory lookups have something to
     * find.
     */
    private static void writeDirectories(JarOutputStream out, Iterable<String> names) throws IOException {
        List<String> written = new ArrayList<>();
        for (String name : names) {
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                String directory = name.substring(0, slash + 1);
                if (!written.contains(directory)) {
                    written.add(directory);
                    out.putNextEntry(new JarEntry(directory));
                    out.closeEntry();
                }
            }
        }
    }

    /**
     * Nested jars must be stored, not deflated, for Spring Boot's loader to read them in
     * place.
     */
    private static void write(JarOutputStream out, String name, byte[] content, boolean stored) throws IOException {
        JarEntry entry = new JarEntry(name);
        if (stored) {
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            entry.setCompressedSize(content.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }

}
