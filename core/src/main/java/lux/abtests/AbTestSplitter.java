package lux.abtests;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Shapes an A/B test's audiences, set-based. The test campaign keeps a seeded random test
 * share, numbered round-robin into equally sized variants; only the share is written (see
 * {@link #narrowing}), and rows beyond it are deleted. The winner campaign is written
 * without any contact (or address) of the test share, and all of it gets the winning
 * variant ({@link AbTestVariants}). "Random" is a seeded multiplicative hash of the
 * contact id (Knuth's 2654435761 modulo the prime 4294967291, plus the seed): the same
 * order on H2 and PostgreSQL, and the same recipients for the same seed and audience.
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

    /**
     * Contact {@code c} is in no row of the test campaign {@code ?}, by contact or by
     * address (binds the test campaign twice): who the winner send goes to.
     */
    private static final String NOT_IN_TEST_SHARE = "NOT EXISTS (SELECT 1 FROM campaign_recipient t "
            + "WHERE t.campaign_id = ? AND t.contact_id = c.id) AND NOT EXISTS (SELECT 1 FROM campaign_recipient t "
            + "WHERE t.campaign_id = ? AND t.email = c.email)";

    /**
     * The hash of {@link #HASH} for {@code contact c}: the same number as its rows get.
     */
    private static final String CONTACT_HASH = "MOD(MOD(c.id * 2654435761 + ?, 4294967291) * ?, 4294967291)";

    /**
     * Only the test share is written for the test campaign: the audience is counted, the
     * share's size worked out and its last contact in hash order found, and only contacts
     * up to that one are inserted (the same contacts the ranking of the whole audience
     * picks). The winner send leaves out every contact and address of the test share.
     */
    @Override
    @Transactional
    public Narrowing narrowing(long campaignId, SegmentSql audience) {
        return store.byTestOrWinnerCampaign(campaignId).map(test -> {
            if (test.campaignId() != campaignId) {
                return test.winnerVariant() == null ? null
                        : new Narrowing(NOT_IN_TEST_SHARE, List.of(test.campaignId(), test.campaignId()));
            }
            if (test.status() != AbTestStatus.SETUP || assigned(test) > 0) {
                return new Narrowing("1 = 0", List.of()); // the share is numbered already
            }
            Long total = jdbc.queryForObject("SELECT COUNT(*) FROM contact c WHERE " + audience.where(), Long.class,
                    audience.args().toArray());
            int size = testSize(total == null ? 0 : total, test.testPercent(), store.variants(test.id()).size());
            store.planSize(test.id(), size);
            if (size == 0) {
                return new Narrowing("1 = 0", List.of());
            }
            List<Object> args = new ArrayList<>(List.of(test.seed(), factor(test.seed())));
            args.addAll(audience.args());
            args.add(size - 1);
            Map<String, Object> last = jdbc.queryForMap("SELECT " + CONTACT_HASH + " AS h, c.id AS id FROM contact c "
                    + "WHERE " + audience.where() + " ORDER BY 1, 2 LIMIT 1 OFFSET ?", args.toArray());
            long lastHash = ((Number) last.get("h")).longValue();
            long lastId = ((Number) last.get("id")).longValue();
            return new Narrowing(CONTACT_HASH + " < ? OR (" + CONTACT_HASH + " = ? AND c.id <= ?)", List.of(test.seed(),
                    factor(test.seed()), lastHash, test.seed(), factor(test.seed()), lastHash, lastId));
        }).orElse(null);
    }

    @Override
    @Transactional
    public void shape(long campaignId) {
        store.byTestOrWinnerCampaign(campaignId).ifPresent(test -> {
            if (test.campaignId() == campaignId) {
                keepTestShare(test);
            }
        });
    }

    private int assigned(AbTestStore.Row test) {
        Long assigned = jdbc.queryForObject(
                "SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND variant IS NOT NULL", Long.class,
                test.campaignId());
        return assigned == null ? 0 : assigned.intValue();
    }

    /**
     * Numbers the test share on the first materialisation; a repeated one (a restart
     * before the campaign was marked sending) only drops the rows it added again.
     */
    private void keepTestShare(AbTestStore.Row test) {
        int variants = store.variants(test.id()).size();
        int size = assigned(test);
        if (size == 0) {
            // planned from the whole audience when only the share was materialised
            Long total = jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ?",
                    Long.class, test.campaignId());
            size = test.testSize() > 0 ? test.testSize()
                    : testSize(total == null ? 0 : total, test.testPercent(), variants);
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
     * How many people the winner of {@code test} would go to now: its audience as it
     * stands, less every contact and address of the test share (what the winner send's
     * narrowing leaves out when it materialises). Before the share is drawn (a test being
     * set up), less the share the audience would give now.
     */
    long winnerAudience(AbTestStore.Row test) {
        long testCampaignId = test.campaignId();
        SegmentSql audience = segments.sql(audiences.definition(testCampaignId));
        List<Object> args = new ArrayList<>(audience.args());
        args.addAll(List.of(testCampaignId, testCampaignId));
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM contact c WHERE " + audience.where() + " AND " + NOT_IN_TEST_SHARE, Long.class,
                args.toArray());
        long rest = n == null ? 0 : n;
        if (test.status() == AbTestStatus.SETUP && assigned(test) == 0) {
            rest -= testSize(rest, test.testPercent(), store.variants(test.id()).size());
        }
        return rest;
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
