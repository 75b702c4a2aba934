package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Locale;
import lux.agent.AgentOutput;
import lux.shared.InvalidInputException;
import lux.suppression.Suppression;
import lux.suppression.SuppressionKind;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

/**
 * The suppression list (addresses and domains LUX never mails), for admins only: the role
 * is checked on every call.
 */
public class SuppressionTools {

    static final int SHOWN = 25;

    private final SuppressionService suppressions;

    private final UserService users;

    private final ToolSession session;

    SuppressionTools(SuppressionService suppressions, UserService users, ToolSession session) {
        this.suppressions = suppressions;
        this.users = users;
        this.session = session;
    }

    @Tool("Lists the suppression list: addresses and domains LUX never mails (admins only).")
    public ToolResult listSuppressions() {
        return ToolResults.attempt(session, "listSuppressions", () -> {
            if (!admin()) {
                return new ToolResult.Failed(EditResults.ADMIN_ONLY);
            }
            Page<Suppression> page = suppressions.list(PageRequest.of(0, SHOWN));
            List<AgentOutput.SuppressionLine> lines = page.getContent().stream().map(SuppressionTools::line).toList();
            session.show(new AgentOutput.Suppressions(page.getTotalElements(), lines));
            return new EditResults.SuppressionsListed(EditResults.DATA_SUPPRESSIONS, page.getTotalElements(),
                    lines.stream().map(l -> new EditResults.SuppressionLine(l.kind(), l.value(), l.reason())).toList());
        });
    }

    @Tool("Suppresses an address (x@y.com) or a whole domain (@y.com or y.com) so LUX never mails it (admins only).")
    public ToolResult suppress(@P("the address or domain") String addressOrDomain,
            @P(value = "a note saying why", required = false) String note) {
        return ToolResults.attempt(session, "suppress", () -> {
            if (!admin()) {
                return new ToolResult.Failed(EditResults.ADMIN_ONLY);
            }
            String value = required(addressOrDomain);
            Suppression added = value.indexOf('@') > 0
                    ? suppressions.suppressAddress(value, SuppressionReason.MANUAL, note, session.actor())
                    : suppressions.suppressDomain(value, note, session.actor());
            return new EditResults.SuppressionChanged(added.getValue(), true);
        });
    }

    @Tool("Removes an address or domain from the suppression list (admins only). Erased addresses stay suppressed.")
    public ToolResult unsuppress(@P("the address or domain") String addressOrDomain) {
        return ToolResults.attempt(session, "unsuppress", () -> {
            if (!admin()) {
                return new ToolResult.Failed(EditResults.ADMIN_ONLY);
            }
            String value = required(addressOrDomain);
            Suppression entry = suppressions.findEntry(value)
                .orElseThrow(
                        () -> new InvalidInputException("value", "\"" + value + "\" is not on the suppression list."));
            suppressions.remove(entry.getId(), session.actor());
            return new EditResults.SuppressionChanged(entry.getValue(), false);
        });
    }

    private boolean admin() {
        Long id = session.actor().userId();
        return id != null && users.find(id).filter(User::isEnabled).map(u -> u.getRole() == Role.ADMIN).orElse(false);
    }

    private static String required(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("value", "Give an address (x@y.com) or a domain (y.com).");
        }
        return value.strip();
    }

    private static AgentOutput.SuppressionLine line(Suppression s) {
        String value = s.getKind() == SuppressionKind.ADDRESS_HASH
                ? "erased address " + s.getValue().substring(0, 8) + "…" : s.getValue();
        return new AgentOutput.SuppressionLine(s.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' '), value,
                s.getReason().name().toLowerCase(Locale.ROOT), s.getNote(), s.getCreatedAt());
    }

}
