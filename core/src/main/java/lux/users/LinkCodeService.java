package lux.users;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.InvalidInputException;
import lux.suppression.SuppressionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links a Teams identity to a LUX user without an admin typing AAD object ids: the
 * console issues a short one-time code for a user, the user sends it to the bot, the bot
 * redeems it with the sender's AAD object id. Only a hash of the code is stored; a code
 * is used once and expires after {@link #VALIDITY}.
 */
@Service
public class LinkCodeService {

    public static final Duration VALIDITY = Duration.ofMinutes(30);

    /** No 0/O, 1/I/L: codes are read off a screen and typed. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

    private static final Pattern SHAPE = Pattern.compile("(?i)^\\s*(?:link\\s+)?([A-Z2-9]{4})-?([A-Z2-9]{4})\\s*$");

    private final JdbcTemplate jdbc;

    private final UserService users;

    private final AuditService audit;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    LinkCodeService(JdbcTemplate jdbc, UserService users, AuditService audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new code for {@code userId}; earlier codes of that user stop working. */
    @Transactional
    public LinkCode issue(long userId, Actor actor) {
        User user = users.get(userId);
        if (!user.isEnabled()) {
            throw new InvalidInputException("userId",
                    user.getEmail() + " is disabled; enable the user before linking Teams.");
        }
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        String shown = code.substring(0, 4) + "-" + code.substring(4);
        Instant now = clock.instant();
        Instant expires = now.plus(VALIDITY);
        jdbc.update("DELETE FROM teams_link_code WHERE user_id = ?", userId);
        jdbc.update("INSERT INTO teams_link_code (code_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)",
                hash(code.toString()), userId, Timestamp.from(expires), Timestamp.from(now));
        audit.record(actor, "user.link-code", "user", userId, "expires " + expires);
        return new LinkCode(shown, userId, expires);
    }

    /**
     * True when the text has the shape of a link code ("ABCD-EFGH", optionally after
     * "link").
     */
    public static boolean looksLikeCode(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /**
     * Links the Teams identity to the code's user and spends the code; fails with a
     * readable message otherwise.
     */
    @Transactional
    public User redeem(String text, String aadObjectId) {
        var m = text == null ? null : SHAPE.matcher(text);
        if (m == null || !m.matches()) {
            throw new InvalidInputException("code", "That is not a link code. A code looks like ABCD-EFGH.");
        }
        String hash = hash((m.group(1) + m.group(2)).toUpperCase(Locale.ROOT));
        List<Long> owners = jdbc.queryForList(
                "SELECT user_id FROM teams_link_code WHERE code_hash = ? AND expires_at > ?", Long.class, hash,
                Timestamp.from(clock.instant()));
        if (owners.isEmpty()) {
            throw new InvalidInputException("code",
                    "That link code is unknown or has expired. Ask an admin for a new one.");
        }
        long userId = owners.get(0);
        jdbc.update("DELETE FROM teams_link_code WHERE code_hash = ?", hash);
        User user = users.get(userId);
        return users.linkTeamsIdentity(userId, aadObjectId,
                new Actor(userId, user.getEmail(), lux.audit.Channel.TEAMS));
    }

    private static String hash(String normalisedCode) {
        return SuppressionService.hash(normalisedCode);
    }

}
