package lux.campaigns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import lux.contacts.AudienceFilter;
import lux.templates.TemplateContent;

/**
 * A SHA-256 of what a campaign will send: the template's subject, HTML and text, the
 * audience definition, the sender and the time. A Confirm card, an approval and a
 * scheduled campaign carry it, so a change made after someone confirmed is seen (the
 * confirmation is withdrawn) and never sent under their confirmation.
 */
public final class SendFingerprint {

    private SendFingerprint() {
    }

    /**
     * The fingerprint of {@code campaign} sending {@code content} at {@code when};
     * {@code source} is what besides the tags decides its audience
     * ({@link CampaignAudiences#source}: a segment's definition, a resend), null for
     * tags.
     */
    static String of(TemplateContent content, Campaign campaign, String source, String when) {
        return of(content, campaign.getAudience(), campaign.getSender(), when, source);
    }

    static String of(TemplateContent content, AudienceFilter audience, String sender, String when) {
        return of(content, audience, sender, when, null);
    }

    /**
     * {@code source} (a segment or resend) joins the text only when set, so tag campaigns
     * keep their stored hashes.
     */
    static String of(TemplateContent content, AudienceFilter audience, String sender, String when, String source) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, content.subject());
        field(canonical, content.htmlBody());
        field(canonical, content.textBody());
        field(canonical, tags(audience.anyOf()));
        field(canonical, tags(audience.allOf()));
        field(canonical, tags(audience.excluded()));
        field(canonical, sender == null ? "(default)" : sender);
        field(canonical, when);
        if (source != null) {
            field(canonical, source);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Length-prefixed, so no two different inputs run together into the same text. */
    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-1:");
            return;
        }
        out.append(value.length()).append(':').append(value);
    }

    private static String tags(Set<String> tags) {
        return String.join(",", new TreeSet<>(tags == null ? Set.of() : tags));
    }

}
