package lux.manifests;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fills the manifest template and zips it with the icons, the layout Teams expects when
 * an admin uploads an app: manifest.json, color.png and outline.png at the root of the
 * zip. The Maven build runs {@link #main} with
 * {@code --source=... --output=... --app-id=...} options.
 */
public final class TeamsAppPackager {

    public static final String ZIP_NAME = "lux-teams-app.zip";

    public static final String TEMPLATE = "manifest.template.json";

    public static final List<String> ICONS = List.of("color.png", "outline.png");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    // A fixed time keeps the zip byte-for-byte the same for the same inputs.
    private static final long ENTRY_TIME = 1_700_000_000_000L;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options look like --name=value; got '" + arg + "'");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path source = Path.of(required(options, "source"));
        Path output = Path.of(required(options, "output"));
        PackageSettings settings = PackageSettings.resolve(options, System.getenv());
        Path zip = new TeamsAppPackager().build(source, output, settings);
        // Ids and the domain are not secrets; printing them tells the admin which bot
        // this package talks to.
        System.out.println("Teams app package " + zip + ": bot " + settings.appId() + ", domain " + settings.domain()
                + (PackageSettings.PLACEHOLDER_APP_ID.equals(settings.appId())
                        ? " (placeholder bot id: build with -Dlux.teams.app-id=<your Microsoft App ID> before uploading it to Teams)"
                        : ""));
    }

    /**
     * Writes {@code output/teams-app/} (the unzipped package, handy to inspect) and
     * {@code output/lux-teams-app.zip}.
     */
    public Path build(Path sourceDir, Path outputDir, PackageSettings settings) throws IOException {
        byte[] manifest = render(Files.readString(sourceDir.resolve(TEMPLATE), StandardCharsets.UTF_8), settings);
        Path unpacked = Files.createDirectories(outputDir.resolve("teams-app"));
        Files.write(unpacked.resolve("manifest.json"), manifest);
        Path zip = outputDir.resolve(ZIP_NAME);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            put(out, "manifest.json", manifest);
            for (String icon : ICONS) {
                byte[] png = Files.readAllBytes(sourceDir.resolve(icon));
                Files.write(unpacked.resolve(icon), png);
                put(out, icon, png);
            }
        }
        return zip;
    }

    /**
     * The template with every placeholder replaced, checked to be JSON, pretty-printed.
     */
    public byte[] render(String template, PackageSettings settings) throws IOException {
        Map<String, String> values = Map.of("appId", settings.appId(), "packageId", settings.packageId(), "version",
                settings.version(), "publicBaseUrl", settings.publicBaseUrl().toString(), "domain", settings.domain(),
                "privacyUrl", settings.privacyUrl().toString(), "termsUrl", settings.termsUrl().toString());
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("The manifest template uses {{" + matcher.group(1)
                        + "}}, which the packager does not know; known: " + values.keySet());
            }
            String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(value));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(escaped));
        }
        matcher.appendTail(filled);
        JsonNode manifest = json.readTree(filled.toString());
        return json.writeValueAsBytes(manifest);
    }

    private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME);
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing option --" + name + "=...");
        }
        return value;
    }

}
