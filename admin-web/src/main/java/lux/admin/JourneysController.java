package lux.admin;

import java.util.ArrayList;
import java.util.List;
import lux.audit.Channel;
import lux.journeys.JourneyDrafts;
import lux.journeys.JourneyService;
import lux.journeys.JourneyStats;
import lux.journeys.JourneyStep;
import lux.journeys.JourneyView;
import lux.journeys.StepStats;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Journeys: the list, a new journey from step lines, and one journey drawn as boxes and
 * arrows with each step's numbers; pause and resume.
 */
@Controller
@RequestMapping("/admin/journeys")
class JourneysController {

    private final JourneyService journeys;

    private final JourneyDrafts drafts;

    JourneysController(JourneyService journeys, JourneyDrafts drafts) {
        this.journeys = journeys;
        this.drafts = drafts;
    }

    /** One box of the diagram: the step, its icon, where it leads, and its numbers. */
    record Box(int number, String icon, String title, String yes, String no, StepStats stats, boolean last) {
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("journeys", journeys.list());
        return "admin/journeys";
    }

    @PostMapping
    String create(@RequestParam String name, @RequestParam String trigger, @RequestParam String steps,
            @RequestParam(required = false) String timeZone, @AuthenticationPrincipal ConsoleUser user,
            RedirectAttributes redirect) {
        long[] id = { 0 };
        String done = Flash.run(redirect, "/admin/journeys", () -> {
            JourneyView j = journeys.create(drafts.draft(name, trigger, JourneyDrafts.lines(steps), timeZone),
                    user.actor(Channel.CONSOLE));
            id[0] = j.id();
            return "Journey \"" + j.name() + "\" is running.";
        });
        return id[0] == 0 ? done : "redirect:/admin/journeys/" + id[0];
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) Integer version, Model model) {
        JourneyView j = journeys.get(id);
        JourneyStats stats = journeys.stats(id, version);
        model.addAttribute("journey", j);
        model.addAttribute("stats", stats);
        model.addAttribute("boxes", boxes(stats));
        return "admin/journey";
    }

    @PostMapping("/{id}/pause")
    String pause(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        return act(id, redirect, () -> journeys.pause(id, user.actor(Channel.CONSOLE)), "paused");
    }

    @PostMapping("/{id}/resume")
    String resume(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        return act(id, redirect, () -> journeys.resume(id, user.actor(Channel.CONSOLE)), "running again");
    }

    private String act(long id, RedirectAttributes redirect, Runnable action, String done) {
        return Flash.run(redirect, "/admin/journeys/" + id, () -> {
            action.run();
            return "The journey is " + done + ".";
        });
    }

    private List<Box> boxes(JourneyStats stats) {
        JourneyView j = journeys.get(stats.journeyId());
        List<JourneyStep> steps = stats.version() == j.version() ? j.steps() : null;
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < stats.steps().size(); i++) {
            StepStats s = stats.steps().get(i);
            JourneyStep step = steps == null ? null : steps.get(i);
            String yes = null;
            String no = null;
            if (step instanceof JourneyStep.Branch b) {
                yes = target(b.ifYes(), i, stats.steps().size());
                no = target(b.ifNo(), i, stats.steps().size());
            }
            boxes.add(new Box(i + 1, icon(s.step()), s.step(), yes, no, s, i == stats.steps().size() - 1));
        }
        return boxes;
    }

    private static String target(Integer to, int at, int size) {
        int next = to == null ? at + 1 : to;
        return next >= size ? "end" : "step " + (next + 1);
    }

    private static String icon(String step) {
        if (step.startsWith("Send")) {
            return "send";
        }
        if (step.startsWith("Wait")) {
            return "clock";
        }
        if (step.startsWith("If")) {
            return "git-branch";
        }
        if (step.startsWith("Add tag") || step.startsWith("Remove tag")) {
            return "tag";
        }
        return "flag";
    }

}
