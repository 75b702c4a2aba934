package lux.journeys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import lux.audit.Actor;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.MailTransport;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.MutableClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A movable clock and a transport that records every message it is given (a loopback
 * double: the real engine, templates, tracking and database run).
 */
class JourneyTestSupport {

    static final Instant MONDAY = Instant.parse("2026-11-30T09:00:00Z");

    /** Every message any instance handed to a transport, in order. */
    static final List<OutgoingMessage> SENT = new CopyOnWriteArrayList<>();

    /** Messages per transport instance (one per LUX instance in a test). */
    static final ConcurrentMap<Integer, AtomicInteger> PER_INSTANCE = new ConcurrentHashMap<>();

    /**
     * How long each send takes: a race between two instances in which the warm one could
     * otherwise send everything before the cold one has claimed its first batch.
     */
    static volatile long sendMillis;

    /** When set, the transport "sends" and then the process dies (an Error, uncaught). */
    static volatile boolean crashAfterSend;

    /**
     * When set, the process dies (an Error, uncaught) as the transport is called, before
     * the mail leaves.
     */
    static volatile boolean crashBeforeSend;

    @Bean
    @Primary
    MutableClock journeyTestClock() {
        return new MutableClock(MONDAY);
    }

    @Bean
    @Primary
    MailTransport recordingTransport() {
        return new MailTransport() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public SendResult send(OutgoingMessage message) {
                if (crashBeforeSend) {
                    throw new Error("simulated crash before the mail left");
                }
                SENT.add(message);
                PER_INSTANCE.computeIfAbsent(System.identityHashCode(this), k -> new AtomicInteger()).incrementAndGet();
                if (sendMillis > 0) {
                    try {
                        Thread.sleep(sendMillis);
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (crashAfterSend) {
                    throw new Error("simulated crash right after the mail left");
                }
                return new SendResult.Sent("provider-" + message.luxMessageId());
            }
        };
    }

    static long template(TemplateService templates, String name) {
        return templates
            .create(new TemplateContent(name, name + " for {{ contact.first_name }}",
                    "<p>" + name + " {{ contact.first_name }}</p><p><a href=\"https://example.com/" + name
                            + "\">Read</a></p>",
                    null), Actor.system())
            .id();
    }

    static long contact(ContactService contacts, String email, Map<String, String> attributes, String... tags) {
        return contacts
            .create(new NewContact(email, "Name", null, null, attributes, Set.of(tags), "test"), Actor.system())
            .id();
    }

    static long sentTo(String email, String subjectStart) {
        return SENT.stream().filter(m -> m.to().equals(email) && m.subject().startsWith(subjectStart)).count();
    }

}
