package lux.launcher.packaging;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.boot.loader.tools.CustomLoaderLayout;
import org.springframework.boot.loader.tools.Layout;
import org.springframework.boot.loader.tools.LayoutFactory;
import org.springframework.boot.loader.tools.LoaderClassesWriter;
import org.springframework.boot.loader.tools.Layouts;

/**
 * The packaged jar's layout (app/pom.xml, spring-boot-maven-plugin
 * {@code layoutFactory}): Spring Boot's executable jar, with LUX's launcher written
 * beside Spring Boot's loader classes at the jar's root and named as {@code Main-Class}.
 */
public class IndexedLauncherLayoutFactory implements LayoutFactory {

    static final String LAUNCHER = "lux.launcher.IndexedJarLauncher";

    /**
     * The classes the launcher runs with, beside Spring Boot's loader; nothing else of
     * this module. Named, not referenced: the plugin that runs this factory has no Spring
     * Boot loader classes to load them with.
     */
    static final List<String> LAUNCHER_CLASSES = List.of(LAUNCHER, "lux.launcher.PackageIndexedClassLoader");

    @Override
    public Layout getLayout(File source) {
        return new IndexedLauncherLayout();
    }

    static final class IndexedLauncherLayout extends Layouts.Jar implements CustomLoaderLayout {

        @Override
        public String getLauncherClassName() {
            return LAUNCHER;
        }

        @Override
        public void writeLoadedClasses(LoaderClassesWriter writer) throws IOException {
            writer.writeLoaderClasses();
            for (String launcherClass : LAUNCHER_CLASSES) {
                String name = launcherClass.replace('.', '/') + ".class";
                try (InputStream in = IndexedLauncherLayoutFactory.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("No class file for " + name);
                    }
                    writer.writeEntry(name, in);
                }
            }
        }

    }

}
