package lux.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lux.gdpr.AddressText;
import lux.gdpr.PersonalDataHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tracked links whose URL carries an address (a template wrote {@code ?email={{
 * contact.email }}} into a link, so every recipient got a link of their own). Erasure
 * rewrites the address out of the stored URL; a click on an old mail still lands on the
 * page, without the address.
 */
@Component
class PersonalisedLinks implements PersonalDataHolder {

    /** "[erased]" as it can stand in a URL. */
    static final String ERASED_IN_URL = "%5Berased%5D";

    private final JdbcTemplate jdbc;

    private final LinkRegistry links;

    PersonalisedLinks(JdbcTemplate jdbc, LinkRegistry links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    @Override
    public String name() {
        return "personalisedLinks";
    }

    @Override
    public Object export(String email) {
        AddressText address = AddressText.of(email);
        return find(address).stream().map(l -> Map.of("campaignId", l.campaignId(), "url", l.url())).toList();
    }

    @Override
    public int erase(String email) {
        AddressText address = AddressText.of(email);
        List<Link> found = find(address);
        for (Link link : found) {
            String scrubbed = address.scrub(link.url(), ERASED_IN_URL);
            List<Long> same = jdbc.queryForList(
                    "SELECT id FROM campaign_link WHERE campaign_id = ? AND url = ? AND id <> ?", Long.class,
                    link.campaignId(), scrubbed, link.id());
            if (same.isEmpty()) {
                jdbc.update("UPDATE campaign_link SET url = ? WHERE id = ?", scrubbed, link.id());
            }
            else {
                // the erased URL equals one already stored (unique per campaign): its
                // clicks move there
                jdbc.update("UPDATE tracking_event SET link_id = ? WHERE link_id = ?", same.get(0), link.id());
                jdbc.update("DELETE FROM campaign_link WHERE id = ?", link.id());
            }
            links.forget(link.id());
        }
        return found.size();
    }

    private record Link(long id, long campaignId, String url) {
    }

    private List<Link> find(AddressText address) {
        AddressText.Condition where = address.mentionedIn("url");
        List<Link> found = new ArrayList<>();
        jdbc.query("SELECT id, campaign_id, url FROM campaign_link WHERE " + where.sql() + " ORDER BY id", rs -> {
            if (address.foundIn(rs.getString(3))) {
                found.add(new Link(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
        }, where.argArray());
        return found;
    }

}
