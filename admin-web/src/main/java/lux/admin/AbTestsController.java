package lux.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lux.abtests.AbMetric;
import lux.abtests.AbMode;
import lux.abtests.AbTestService;
import lux.abtests.AbTestView;
import lux.abtests.NewAbTest;
import lux.audit.Channel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The A/B test on the console's campaign page: the set-up form on a draft, and the
 * variants table with rates, verdict and (while a person may choose) the winner buttons.
 */
@Controller
class AbTestsController {

    private final AbTestService abTests;

    AbTestsController(AbTestService abTests) {
        this.abTests = abTests;
    }

    @PostMapping("/admin/campaigns/{id}/ab-test")
    String setUp(@PathVariable long id, @RequestParam List<String> subject, @RequestParam int testPercent,
            @RequestParam String metric, @RequestParam double waitHours,
            @RequestParam(defaultValue = "AUTO") AbMode mode, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/campaigns/" + id, () -> {
            List<NewAbTest.Variant> variants = new ArrayList<>();
            subject.stream()
                .filter(s -> s != null && !s.isBlank())
                .forEach(s -> variants.add(NewAbTest.Variant.subject(s)));
            AbTestView test = abTests.setUp(new NewAbTest(id, variants, testPercent, AbMetric.parse(metric),
                    Duration.ofMinutes(Math.round(waitHours * 60)), mode, null), me.actor(Channel.CONSOLE));
            return "A/B test set up: " + test.variants().size() + " variants on " + test.testPercent()
                    + "% of the audience. Schedule the campaign to send it.";
        });
    }

    @PostMapping("/admin/campaigns/{id}/ab-test/winner")
    String chooseWinner(@PathVariable long id, @RequestParam String variant, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/campaigns/" + id, () -> {
            AbTestView test = abTests.chooseWinner(id, variant, me.actor(Channel.CONSOLE));
            return "Variant " + test.winnerLabel() + " goes to the rest of the audience.";
        });
    }

    /** The campaign page's A/B test, when the campaign has one. */
    @ControllerAdvice(assignableTypes = CampaignsController.class)
    static class CampaignPageAbTest {

        private final AbTestService abTests;

        CampaignPageAbTest(AbTestService abTests) {
            this.abTests = abTests;
        }

        @ModelAttribute("abTest")
        AbTestView abTest(@PathVariable(required = false) Long id) {
            return id != null && abTests.isAbTest(id) ? abTests.view(id) : null;
        }

    }

}
