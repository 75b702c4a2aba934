package lux.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads every mailbox of every reader, one instance per mailbox at a time (a ShedLock row
 * per mailbox): two readers of one mailbox would fetch the same messages and race to move
 * them. A mailbox that fails is logged and tried again next time; the others are read
 * regardless.
 */
@Component
public class InboundReading {

    private static final Logger log = LoggerFactory.getLogger(InboundReading.class);

    private final List<MailboxReader> readers;

    private final InboundProcessor processor;

    private final LockingTaskExecutor locks;

    InboundReading(List<MailboxReader> readers, InboundProcessor processor, LockProvider lockProvider) {
        this.readers = readers;
        this.processor = processor;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
    }

    /**
     * Reads every mailbox once; returns the messages handed over (new or not) in the
     * mailboxes this instance got.
     */
    public int readAll() {
        int handled = 0;
        for (MailboxReader reader : readers) {
            for (String mailbox : reader.mailboxes()) {
                handled += readOne(reader, mailbox);
            }
        }
        return handled;
    }

    private int readOne(MailboxReader reader, String mailbox) {
        InboundRun run = processor.start(mailbox);
        try {
            locks.executeWithLock((LockingTaskExecutor.Task) () -> {
                try {
                    reader.read(mailbox, run);
                }
                finally {
                    run.finish();
                }
            }, new LockConfiguration(Instant.now(), lockName(mailbox), Duration.ofMinutes(15), Duration.ZERO));
        }
        catch (Throwable e) {
            log.warn("Reading mailbox {} failed; trying again next time: {}", mailbox, e.toString());
        }
        return run.handled();
    }

    /** ShedLock names are at most 64 characters: long addresses go by their hash. */
    static String lockName(String mailbox) {
        String name = "lux-inbound-" + mailbox.toLowerCase(Locale.ROOT);
        if (name.length() <= 64) {
            return name;
        }
        try {
            return "lux-inbound-" + HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(mailbox.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)))
                .substring(0, 40);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

}
