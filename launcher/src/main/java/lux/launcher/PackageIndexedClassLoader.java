package lux.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.springframework.boot.loader.launch.Archive;
import org.springframework.boot.loader.launch.LaunchedClassLoader;

/**
 * Spring Boot's class loader for a packaged jar, finding each class and resource through
 * an index of which nested jars hold which directory. The JDK's {@code URLClassLoader}
 * asks every jar on the class path in turn, and for a nested jar each question builds a
 * URL and opens a connection: with LUX's 150 jars that linear search was a third of the
 * main thread's start-up and much of the JIT's (docs/benchmarks.md "Start-up"). The index
 * is read from the jars' central directories once, when the loader is made.
 * <p>
 * Answers are the same as the plain loader's: the first jar in class-path order that has
 * the entry (multi-release entries included), the same resource URLs, the same code
 * source per jar and packages defined from that jar's manifest. Names the index cannot
 * answer with certainty (directories, characters a URL would encode) and jars it could
 * not read take the plain loader's road.
 */
public class PackageIndexedClassLoader extends LaunchedClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private static final String VERSIONS = "META-INF/versions/";

    private static final int[] NONE = {};

    private final URL[] urls;

    private final JarFile[] jars;

    /**
     * Directory ("org/example/", "" for the root) to the class-path positions of the jars
     * holding entries in it.
     */
    private final Map<String, int[]> directories;

    /** False when a jar could not be indexed: every lookup then takes the plain road. */
    private final boolean complete;

    public PackageIndexedClassLoader(Archive rootArchive, URL[] urls, ClassLoader parent) {
        super(false, rootArchive, urls, parent);
        this.urls = urls.clone();
        this.jars = new JarFile[urls.length];
        Map<String, List<Integer>> positions = new HashMap<>();
        boolean read = true;
        for (int i = 0; i < urls.length && read; i++) {
            this.jars[i] = open(urls[i]);
            read = this.jars[i] != null && index(this.jars[i], i, positions);
        }
        this.complete = read;
        this.directories = read ? frozen(positions) : Map.of();
    }

    private static JarFile open(URL url) {
        try {
            URLConnection connection = url.openConnection();
            return (connection instanceof JarURLConnection jar) ? jar.getJarFile() : null;
        }
        catch (IOException ex) {
            return null;
        }
    }

    private static boolean index(JarFile jar, int position, Map<String, List<Integer>> positions) {
        try {
            Enumeration<JarEntry> entries = jar.entries();
            String last = null;
            while (entries.hasMoreElements()) {
                String directory = directoryOf(baseName(entries.nextElement().getName()));
                // entries come grouped by directory, so most repeat the previous one
                if (!directory.equals(last)) {
                    List<Integer> jars = positions.computeIfAbsent(directory, (key) -> new ArrayList<>(2));
                    if (jars.isEmpty() || jars.get(jars.size() - 1) != position) {
                        jars.add(position);
                    }
                    last = directory;
                }
            }
            return true;
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private static Map<String, int[]> frozen(Map<String, List<Integer>> positions) {
        Map<String, int[]> frozen = new HashMap<>(positions.size() * 2);
        positions
            .forEach((directory, jars) -> frozen.put(directory, jars.stream().mapToInt(Integer::intValue).toArray()));
        return frozen;
    }

    /**
     * A multi-release entry under the name it answers to: any version, so the index
     * over-approximates.
     */
    private static String baseName(String name) {
        if (!name.startsWith(VERSIONS)) {
            return name;
        }
        int slash = name.indexOf('/', VERSIONS.length());
        return (slash < 0) ? name : name.substring(slash + 1);
    }

    /**
     * "a/b/C.class" and "a/b/" are in "a/b/" and "a/" respectively; a top-level name is
     * in "".
     */
    static String directoryOf(String name) {
        int slash = name.lastIndexOf('/', name.length() - 2);
        return (slash < 0) ? "" : name.substring(0, slash + 1);
    }

    /**
     * Names the index answers exactly: not a directory, and nothing a URL would encode.
     */
    static boolean indexable(String name) {
        if (name.isEmpty() || name.charAt(0) == '/' || name.endsWith("/")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/'
                    || c == '.' || c == '_' || c == '-' || c == '$';
            if (!plain) {
                return false;
            }
        }
        return !name.contains("..") && !name.contains("//") && !name.contains("./");
    }

    private int[] candidates(String name) {
        int[] jars = this.directories.get(directoryOf(name));
        return (jars != null) ? jars : NONE;
    }

    /** The class-path position of the first jar that has the entry, or -1. */
    private int firstHolding(String entryName) {
        for (int position : candidates(entryName)) {
            if (this.jars[position].getJarEntry(entryName) != null) {
                return position;
            }
        }
        return -1;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        // Spring Boot's loader looks for an undefined package in every jar first;
        // defined here, from the index, it is found defined. findClass relies on it.
        definePackageFromIndex(name);
        return super.loadClass(name, resolve);
    }

    private void definePackageFromIndex(String className) {
        int dot = className.lastIndexOf('.');
        if (!this.complete || dot < 0 || className.startsWith("java.")) {
            return;
        }
        String packageName = className.substring(0, dot);
        if (getDefinedPackage(packageName) != null) {
            return;
        }
        String entryName = className.replace('.', '/') + ".class";
        if (!indexable(entryName)) {
            return;
        }
        int position = firstHolding(entryName);
        if (position >= 0) {
            definePackage(packageName, position);
        }
    }

    private void definePackage(String packageName, int position) {
        try {
            Manifest manifest = this.jars[position].getManifest();
            if (manifest != null) {
                definePackage(packageName, manifest, this.urls[position]);
            }
            else {
                definePackage(packageName, null, null, null, null, null, null, null);
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            // another thread defined it first, or the manifest is unreadable: the plain
            // road decides
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String entryName = name.replace('.', '/') + ".class";
        if (!this.complete || !indexable(entryName)) {
            return super.findClass(name);
        }
        int position = firstHolding(entryName);
        if (position < 0) {
            throw new ClassNotFoundException(name);
        }
        return define(name, entryName, position);
    }

    /** Its package is already defined, from the same jar (loadClass). */
    private Class<?> define(String name, String entryName, int position) throws ClassNotFoundException {
        JarFile jar = this.jars[position];
        JarEntry entry = jar.getJarEntry(entryName);
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        }
        catch (IOException ex) {
            throw new ClassNotFoundException(name, ex);
        }
        // signers are known once the entry has been read
        CodeSigner[] signers = entry.getCodeSigners();
        return defineClass(name, bytes, 0, bytes.length, new CodeSource(this.urls[position], signers));
    }

    @Override
    public URL findResource(String name) {
        if (!this.complete || !indexable(name)) {
            return super.findResource(name);
        }
        int position = firstHolding(name);
        return (position >= 0) ? resource(position, name) : null;
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        if (!this.complete || !indexable(name)) {
            return super.findResources(name);
        }
        List<URL> found = new ArrayList<>(2);
        for (int position : candidates(name)) {
            if (this.jars[position].getJarEntry(name) != null) {
                URL url = resource(position, name);
                if (url != null) {
                    found.add(url);
                }
            }
        }
        return Collections.enumeration(found);
    }

    /**
     * The URL the plain loader gives: the jar's class-path URL resolved against the name.
     */
    private URL resource(int position, String name) {
        try {
            return new URL(this.urls[position], name);
        }
        catch (IOException ex) {
            return null;
        }
    }

}
