package lux.launcher;

import java.net.URL;
import java.util.Collection;
import org.springframework.boot.loader.launch.JarLauncher;

/**
 * LUX's jar launcher: Spring Boot's {@link JarLauncher} with a class loader that finds
 * classes through an index instead of asking every nested jar
 * ({@link PackageIndexedClassLoader}). The jar's {@code Main-Class}, written by
 * {@code IndexedLauncherLayoutFactory} at packaging.
 */
public class IndexedJarLauncher extends JarLauncher {

    public IndexedJarLauncher() throws Exception {
    }

    @Override
    protected ClassLoader createClassLoader(Collection<URL> urls) throws Exception {
        if (isExploded()) {
            return super.createClassLoader(urls);
        }
        return new PackageIndexedClassLoader(getArchive(), urls.toArray(new URL[0]), getClass().getClassLoader());
    }

    public static void main(String[] args) throws Exception {
        new IndexedJarLauncher().launch(args);
    }

}
