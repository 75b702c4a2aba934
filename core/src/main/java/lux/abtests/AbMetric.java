package lux.abtests;

/**
 * What makes a variant win. Only engagement by people counts: machine opens (mail privacy
 * proxies, scanners) never do. A human click counts as an open too, since the mail had to
 * be opened to click in it, even when the open pixel was not loaded.
 */
public enum AbMetric {

    /** Recipients who opened, of those sent. */
    OPENS("opens", "open rate"),
    /** Recipients who clicked, of those sent. */
    CLICKS("clicks", "click rate"),
    /** Recipients who clicked, of those who opened. */
    CLICK_TO_OPEN("click-to-open", "click-to-open rate");

    private final String label;

    private final String rateName;

    AbMetric(String label, String rateName) {
        this.label = label;
        this.rateName = rateName;
    }

    public String label() {
        return label;
    }

    public String rateName() {
        return rateName;
    }

    /** Reads "opens", "clicks", "click-to-open" (or the enum name), refusing others. */
    public static AbMetric parse(String text) {
        if (text == null || text.isBlank()) {
            return OPENS;
        }
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        for (AbMetric m : values()) {
            if (m.label.equals(t) || m.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(t)
                    || (m.label + "s").equals(t) || m.label.equals(t + "s")) {
                return m;
            }
        }
        if (t.equals("cto") || t.equals("click-to-open-rate")) {
            return CLICK_TO_OPEN;
        }
        throw new lux.shared.InvalidInputException("metric",
                "\"" + text + "\" is not a winner metric; use opens, clicks or click-to-open.");
    }

}
