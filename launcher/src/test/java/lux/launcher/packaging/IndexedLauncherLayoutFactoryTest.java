package lux.launcher.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.loader.launch.JarLauncher;
import org.springframework.boot.loader.tools.CustomLoaderLayout;
import org.springframework.boot.loader.tools.Layout;
import org.springframework.boot.loader.tools.LoaderClassesWriter;
import org.springframework.boot.loader.tools.LoaderImplementation;

class IndexedLauncherLayoutFactoryTest {

    @Test
    void theJarStartsWithLuxLauncherWrittenBesideSpringBootsLoader() throws Exception {
        Layout layout = new IndexedLauncherLayoutFactory().getLayout(null);
        RecordingWriter writer = new RecordingWriter();

        ((CustomLoaderLayout) layout).writeLoadedClasses(writer);

        Class<?> launcher = Class.forName(layout.getLauncherClassName());
        assertThat(JarLauncher.class).isAssignableFrom(launcher);
        assertThat(launcher.getMethod("main", String[].class)).isNotNull();
        assertThat(writer.loaderClassesWritten).isTrue();
        assertThat(writer.entries).containsOnlyKeys("lux/launcher/IndexedJarLauncher.class",
                "lux/launcher/PackageIndexedClassLoader.class");
        for (String className : IndexedLauncherLayoutFactory.LAUNCHER_CLASSES) {
            String name = className.replace('.', '/') + ".class";
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
                assertThat(writer.entries.get(name)).as(name).isEqualTo(in.readAllBytes());
            }
        }
        assertThat(layout.getLibraryLocation("any.jar", null)).isEqualTo("BOOT-INF/lib/");
    }

    private static final class RecordingWriter implements LoaderClassesWriter {

        private final Map<String, byte[]> entries = new LinkedHashMap<>();

        private boolean loaderClassesWritten;

        @Override
        public void writeLoaderClasses() {
            this.loaderClassesWritten = true;
        }

        @Override
        public void writeLoaderClasses(LoaderImplementation loaderImplementation) {
            this.loaderClassesWritten = true;
        }

        @Override
        public void writeLoaderClasses(String loaderJarResourceName) {
            this.loaderClassesWritten = true;
        }

        @Override
        public void writeEntry(String name, InputStream inputStream) throws IOException {
            this.entries.put(name, inputStream.readAllBytes());
        }

    }

}
