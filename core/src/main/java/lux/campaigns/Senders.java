package lux.campaigns;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lux.config.CoreProperties;
import lux.shared.EmailAddress;
import lux.shared.ForbiddenException;
import lux.shared.InvalidInputException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The mailboxes LUX may send from: {@code lux.delivery.senders},
 * {@code lux.mail.default-sender} and, with the Graph transport,
 * {@code lux.graph.sender}. Any other sender is refused, so an API token cannot make LUX
 * send as the CEO; naming a mailbox outside the default pool is an admin's choice. Read
 * here (not from the delivery settings) because delivery depends on campaigns, not the
 * other way round.
 */
@Component
public class Senders {

    private final List<String> defaults;

    private final Set<String> allowed;

    Senders(CoreProperties core, Environment environment) {
        Binder binder = Binder.get(environment);
        List<String> pool = binder.bind("lux.delivery.senders", Bindable.listOf(String.class))
            .orElse(List.of())
            .stream()
            .filter(s -> s != null && !s.isBlank())
            .map(Senders::canonical)
            .toList();
        String graphSender = environment.getProperty("lux.graph.sender", "");
        boolean graph = "graph".equals(core.mail().transport());
        String single = graph && !graphSender.isBlank() ? graphSender : core.mail().defaultSender();
        this.defaults = !pool.isEmpty() ? List.copyOf(pool) : List.of(canonical(single));
        Set<String> all = new LinkedHashSet<>(pool);
        if (core.mail().defaultSender() != null && !core.mail().defaultSender().isBlank()) {
            all.add(canonical(core.mail().defaultSender()));
        }
        if (!graphSender.isBlank()) {
            all.add(canonical(graphSender));
        }
        this.allowed = Set.copyOf(all);
    }

    /**
     * The mailboxes a campaign that names none sends from (pooled when several are
     * configured).
     */
    public List<String> defaults() {
        return defaults;
    }

    /** Every mailbox a campaign may name. */
    public List<String> allowed() {
        return allowed.stream().sorted().toList();
    }

    /** The mailboxes a campaign with {@code sender} (null = the default) sends from. */
    public List<String> of(String sender) {
        return sender == null ? defaults : List.of(sender);
    }

    /**
     * The sender to store: null for the default, else the normalised address, which must
     * be configured; one outside the default pool only for an admin.
     */
    String check(String raw, boolean admin) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String sender;
        try {
            sender = EmailAddress.normalise(raw);
        }
        catch (InvalidInputException e) {
            throw new InvalidInputException("sender", "The sender: " + e.getMessage());
        }
        if (!allowed.contains(sender)) {
            throw new InvalidInputException("sender",
                    "LUX may not send from " + sender + ": it is not one of the configured sender " + "mailboxes ("
                            + String.join(", ", allowed())
                            + "). Leave the sender empty to use the default, or ask an admin to "
                            + "add the mailbox to lux.delivery.senders.");
        }
        if (!admin && !defaults.contains(sender)) {
            throw new ForbiddenException("Only an admin may send from " + sender
                    + "; campaigns of other users send from the default " + "sender (" + String.join(", ", defaults)
                    + "). Leave the sender empty, or ask an admin to set it.");
        }
        return sender;
    }

    private static String canonical(String address) {
        try {
            return EmailAddress.normalise(address);
        }
        catch (RuntimeException e) {
            return address.strip().toLowerCase(Locale.ROOT); // a configured value LUX
                                                             // cannot parse is still only
                                                             // matched exactly
        }
    }

}
