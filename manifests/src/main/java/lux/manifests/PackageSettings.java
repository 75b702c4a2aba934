package lux.manifests;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What differs between one LUX installation's Teams package and another's, checked before
 * anything is written.
 *
 * @param appId the Azure Bot's Microsoft App ID (the bot id in the manifest)
 * @param packageId the Teams app's own id; stays the same across versions so Teams sees
 * an update, not a new app
 * @param version the app version, x.y.z
 * @param publicBaseUrl where LUX is reachable; its host becomes the valid domain
 * @param domain the valid domain
 * @param privacyUrl the privacy statement page
 * @param termsUrl the terms of use page
 */
public record PackageSettings(String appId, String packageId, String version, URI publicBaseUrl, String domain,
        URI privacyUrl, URI termsUrl) {

    /**
     * Lets the package build and validate with no Azure registration at all; Teams will
     * not accept it for real use.
     */
    public static final String PLACEHOLDER_APP_ID = "00000000-0000-0000-0000-000000000000";

    /** LUX's Teams app id, generated once. */
    public static final String LUX_PACKAGE_ID = "472f081b-854e-4660-a479-a46a383da298";

    public static final String DEFAULT_PUBLIC_BASE_URL = "http://localhost:3978";

    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

    private static final Pattern DOMAIN = Pattern.compile(
            "^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    private static final Pattern SEMVER_PREFIX = Pattern.compile("^(\\d+\\.\\d+\\.\\d+)([-+].*)?$");

    /**
     * Reads the settings from build options (app-id, package-id, version,
     * public-base-url, domain, privacy-url, terms-url); the app id and base URL fall back
     * to the environment LUX itself reads (MicrosoftAppId, LUX_PUBLIC_BASE_URL). Blank
     * counts as absent.
     * @throws InvalidPackageSettingsException listing every bad setting at once
     */
    public static PackageSettings resolve(Map<String, String> options, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String appId = first(options.get("app-id"), env.get("MicrosoftAppId"), PLACEHOLDER_APP_ID);
        if (!GUID.matcher(appId).matches()) {
            problems
                .add("app-id (lux.teams.app-id or MicrosoftAppId) must be the bot's Microsoft App ID, a GUID such as "
                        + "1b2c3d4e-0000-4000-8000-123456789abc; got '" + appId + "'");
        }
        String packageId = first(options.get("package-id"), null, LUX_PACKAGE_ID);
        if (!GUID.matcher(packageId).matches()) {
            problems.add("package-id (lux.teams.package-id) must be a GUID; got '" + packageId + "'");
        }
        String rawVersion = first(options.get("version"), null, "0.0.0");
        var semver = SEMVER_PREFIX.matcher(rawVersion);
        String version = semver.matches() ? semver.group(1) : rawVersion;
        if (!semver.matches()) {
            problems.add("version must look like 1.2.3 (a -SNAPSHOT suffix is dropped); got '" + rawVersion + "'");
        }
        URI publicBaseUrl = webUrl("public-base-url (lux.teams.public-base-url or LUX_PUBLIC_BASE_URL)",
                first(options.get("public-base-url"), env.get("LUX_PUBLIC_BASE_URL"), DEFAULT_PUBLIC_BASE_URL),
                problems);
        String domain = first(options.get("domain"), null, publicBaseUrl == null ? "" : publicBaseUrl.getHost());
        if (!DOMAIN.matcher(domain).matches()) {
            problems.add("domain (lux.teams.domain) must be a host name such as lux.example.com, without https:// , "
                    + "a port or a path; got '" + domain + "'");
        }
        String base = publicBaseUrl == null ? DEFAULT_PUBLIC_BASE_URL : publicBaseUrl.toString();
        URI privacyUrl = webUrl("privacy-url (lux.teams.privacy-url)", first(options.get("privacy-url"), null, base),
                problems);
        URI termsUrl = webUrl("terms-url (lux.teams.terms-url)", first(options.get("terms-url"), null, base), problems);
        if (!problems.isEmpty()) {
            throw new InvalidPackageSettingsException(problems);
        }
        return new PackageSettings(appId.toLowerCase(), packageId.toLowerCase(), version, publicBaseUrl, domain,
                privacyUrl, termsUrl);
    }

    private static URI webUrl(String name, String value, List<String> problems) {
        try {
            URI uri = new URI(value);
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        }
        catch (java.net.URISyntaxException invalid) {
            // reported below, with the other problems
        }
        problems.add(name + " must be a web address such as https://lux.example.com; got '" + value + "'");
        return null;
    }

    private static String first(String option, String env, String fallback) {
        if (option != null && !option.isBlank()) {
            return option.trim();
        }
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return fallback;
    }
}
