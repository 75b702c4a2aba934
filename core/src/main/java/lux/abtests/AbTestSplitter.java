package lux.abtests;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import lux.campaigns.CampaignAudiences;
import lux.delivery.AudienceShaping;
import lux.segments.SegmentService;
import lux.segments.SegmentSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shapes an A/B test's materialised audiences, set-based. The test campaign keeps a
 * seeded random test share, numbered round-robin into equally sized variants; the rest is
 * deleted (it gets the winner later). The winner campaign loses every contact (and
 * address) of the test share and sends the winning variant to all others. "Random" is a
 * seeded multiplicative hash of the contact id (Knuth's 2654435761 modulo the prime
 * 4294967291, plus the seed): the same order on H2 and PostgreSQL, and the same
 * recipients for the same seed and audience.
 */
@Component
class AbTestSplitter implements AudienceShaping {

    private static final Logger log = LoggerFactory.getLogger(AbTestSplitter.class);

    /**
     * The hash the test share is drawn by (rows of equal hash fall back to contact id):
     * Knuth's multiplicative hash of the contact id plus the seed, times a second,
     * seed-derived factor, so different seeds give different orders rather than one order
     * shifted. Every product stays below 2^63.
     */
    static final String HASH = "MOD(MOD(COALESCE(contact_id, id) * 2654435761 + ?, 4294967291) * ?, 4294967291)";

    /** Seeds are drawn below the modulus so every seed gives a distinct order. */
    static final long SEED_BOUND = 4294967291L;

    /** The second factor of the hash for {@code seed}: between 1 and 2^31 - 1. */
    static long factor(long seed) {
        return 1 + Math.floorMod(seed * 40503L, 2147483646L);
    }

    /**
     * A contact id column that is a contact of the test share of campaign {@code ?}: the
     * winner send leaves such contacts out, and so does its count.
     */
    private static String contactInTestShare(String contactId) {
        return contactId + " IN (SELECT contact_id FROM campaign_recipient WHERE campaign_id = ? "
                + "AND contact_id IS NOT NULL)";
    }

    /** An address column that is an address of the test share of campaign {@code ?}. */
    private static String addressInTestShare(String email) {
        return email + " IN (SELECT email FROM campaign_recipient WHERE campaign_id = ?)";
    }

    private final JdbcTemplate jdbc;

    private final AbTestStore store;

    private final Clock clock;

    private final ObjectProvider<AbTestProperties> properties;

    private final SegmentService segments;

    private final CampaignAudiences audiences;

    AbTestSplitter(JdbcTemplate jdbc, AbTestStore store, Clock clock, ObjectProvider<AbTestProperties> properties,
            SegmentService segments, CampaignAudiences audiences) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
        this.properties = properties;
        this.segments = segments;
        this.audiences = audiences;
    }

    @Override
    @Transactional
    public void shape(long campaignId) {
        store.byTestOrWinnerCampaign(campaignId).ifPresent(test -> {
            if (test.campaignId() == campaignId) {
                keepTestShare(test);
            }
            else if (test.winnerVariant() != null) {
                sendWinnerToTheRest(test, campaignId);
            }
        });
    }

    /**
     * Numbers the test share on the first materialisation; a repeated one (a restart
     * before the campaign was marked sending) only drops the rows it added again.
     */
    private void keepTestShare(AbTestStore.Row test) {
        int variants = store.variants(test.id()).size();
        Long assigned = jdbc.queryForObject(
                "SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND variant IS NOT NULL", Long.class,
                test.campaignId());
        int size = assigned == null ? 0 : assigned.intValue();
        if (size == 0) {
            Long total = jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ?",
                    Long.class, test.campaignId());
            size = testSize(total == null ? 0 : total, test.testPercent(), variants);
            for (int v = 0; v < variants; v++) {
                // one statement per variant: every rank r <= size goes to variant (r - 1)
                // mod k
                jdbc.update("UPDATE campaign_recipient SET variant = ? WHERE id IN (SELECT id FROM (SELECT id, "
                        + "ROW_NUMBER() OVER (ORDER BY " + HASH + ", COALESCE(contact_id, id)) AS rn "
                        + "FROM campaign_recipient WHERE campaign_id = ?) ranked WHERE rn <= ? AND MOD(rn - 1, ?) = ?)",
                        v, test.seed(), factor(test.seed()), test.campaignId(), size, variants, v);
            }
        }
        int rest = jdbc.update("DELETE FROM campaign_recipient WHERE campaign_id = ? AND variant IS NULL",
                test.campaignId());
        Duration wait = Duration.ofMinutes(test.waitMinutes());
        AbTestProperties p = properties.getIfAvailable();
        if (p != null && p.waitCap() != null && wait.compareTo(p.waitCap()) > 0) {
            wait = p.waitCap();
        }
        Instant now = clock.instant();
        if (store.startTesting(test.id(), size, now.plus(wait))) {
            log.info("A/B test of campaign {}: {} test recipients in {} variants, {} held back for the winner",
                    test.campaignId(), size, variants, rest);
        }
    }

    /**
     * How many people the winner of test campaign {@code testCampaignId} would go to now:
     * its audience as it stands, less every contact and address of the test share (what
     * {@link #sendWinnerToTheRest} leaves out when the winner send materialises).
     */
    long winnerAudience(long testCampaignId) {
        SegmentSql audience = segments.sql(audiences.definition(testCampaignId));
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM contact c WHERE " + audience.where() + " AND NOT " + contactInTestShare("c.id")
                        + " AND NOT " + addressInTestShare("c.email"),
                Long.class, append(audience.args().toArray(), testCampaignId, testCampaignId));
        return n == null ? 0 : n;
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private void sendWinnerToTheRest(AbTestStore.Row test, long winnerCampaignId) {
        int byContact = jdbc.update(
                "DELETE FROM campaign_recipient WHERE campaign_id = ? AND " + contactInTestShare("contact_id"),
                winnerCampaignId, test.campaignId());
        int byAddress = jdbc.update(
                "DELETE FROM campaign_recipient WHERE campaign_id = ? AND " + addressInTestShare("email"),
                winnerCampaignId, test.campaignId());
        jdbc.update("UPDATE campaign_recipient SET variant = ? WHERE campaign_id = ? AND variant IS NULL",
                test.winnerVariant(), winnerCampaignId);
        log.info("Winner send {} of A/B test {}: {} test recipients left out", winnerCampaignId, test.campaignId(),
                byContact + byAddress);
    }

    /**
     * The test share of an audience of {@code total}: the percentage, rounded down to a
     * multiple of the variant count so every variant gets as many; at least one each.
     */
    static int testSize(long total, int percent, int variants) {
        long share = Math.round(total * percent / 100.0) / variants * variants;
        long most = total / variants * variants;
        return (int) Math.min(most, Math.max(share, variants));
    }

}
