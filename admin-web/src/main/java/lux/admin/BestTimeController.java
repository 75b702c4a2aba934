package lux.admin;

import lux.audit.Channel;
import lux.besttime.BestTimeService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaign page's best-time checkbox: send at each contact's best time within 24
 * hours of the start, or at the plain time. The page reads the comparison from
 * {@link BestTimeService} itself.
 */
@Controller
class BestTimeController {

    private final BestTimeService bestTime;

    BestTimeController(BestTimeService bestTime) {
        this.bestTime = bestTime;
    }

    @PostMapping("/admin/campaigns/{id}/best-time")
    String choose(@PathVariable long id, @RequestParam(defaultValue = "false") boolean bestTime,
            @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/campaigns/" + id, () -> {
            String name = this.bestTime.choose(id, bestTime, me.actor(Channel.CONSOLE)).name();
            return bestTime ? "\"" + name + "\" goes at each contact's best time within " + this.bestTime.windowHours()
                    + " hours of its start." : "\"" + name + "\" goes at its plain send time.";
        });
    }

}
