package lux.admin;

import java.util.Arrays;
import java.util.List;
import lux.audit.Channel;
import lux.delivery.TestSendRequest;
import lux.delivery.TestSendResult;
import lux.delivery.TestSendService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's "Send me a test" buttons on the campaign and template pages. */
@Controller
class TestSendController {

    private final TestSendService tests;

    TestSendController(TestSendService tests) {
        this.tests = tests;
    }

    @PostMapping("/admin/campaigns/{id}/test")
    String campaign(@PathVariable long id, @RequestParam(required = false) String to,
            @RequestParam(required = false) String contactEmail, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/campaigns/" + id,
                () -> notice(tests.sendCampaign(id, request(to, contactEmail), me.actor(Channel.CONSOLE))));
    }

    @PostMapping("/admin/templates/{id}/test")
    String template(@PathVariable long id, @RequestParam(required = false) String to,
            @RequestParam(required = false) String contactEmail, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/templates/" + id,
                () -> notice(tests.sendTemplate(id, request(to, contactEmail), me.actor(Channel.CONSOLE))));
    }

    private static TestSendRequest request(String to, String contactEmail) {
        List<String> addresses = to == null ? List.of()
                : Arrays.stream(to.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
        return new TestSendRequest(addresses, contactEmail);
    }

    private static String notice(TestSendResult result) {
        if (result.sentTo().isEmpty()) {
            throw new lux.shared.ConflictException("The test was not sent: " + String.join("; ", result.failed()));
        }
        return "Test \"" + result.subject() + "\" sent to " + String.join(", ", result.sentTo()) + " (rendered for "
                + result.renderedFor() + ")."
                + (result.failed().isEmpty() ? "" : " Not sent: " + String.join("; ", result.failed()) + ".");
    }

}
