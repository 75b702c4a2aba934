package lux.admin;

import java.util.ArrayList;
import java.util.List;
import lux.audit.Channel;
import lux.preferences.TopicDefinition;
import lux.preferences.TopicService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Which tags readers see as topics in the preference centre (admins only: under
 * /admin/settings).
 */
@Controller
class TopicsController {

    static final int BLANK_ROWS = 3;

    private final TopicService topics;

    TopicsController(TopicService topics) {
        this.topics = topics;
    }

    @GetMapping("/admin/settings/topics")
    String list(Model model) {
        model.addAttribute("topics", topics.list());
        model.addAttribute("blankRows", BLANK_ROWS);
        return "admin/topics";
    }

    /**
     * The form's rows as parallel lists; rows without a tag are ignored (the blank rows
     * left unused).
     */
    @PostMapping("/admin/settings/topics")
    String save(@RequestParam(name = "tag", required = false) List<String> tags,
            @RequestParam(name = "label", required = false) List<String> labels,
            @RequestParam(name = "description", required = false) List<String> descriptions,
            @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        List<TopicDefinition> rows = new ArrayList<>();
        int n = tags == null ? 0 : tags.size();
        for (int i = 0; i < n; i++) {
            if (tags.get(i) != null && !tags.get(i).isBlank()) {
                rows.add(new TopicDefinition(tags.get(i), at(labels, i), at(descriptions, i)));
            }
        }
        return Flash.run(flash, "/admin/settings/topics", () -> {
            int saved = topics.replace(rows, me.actor(Channel.CONSOLE)).size();
            return saved == 1 ? "1 public topic saved." : saved + " public topics saved.";
        });
    }

    private static String at(List<String> values, int i) {
        return values == null || i >= values.size() ? null : values.get(i);
    }

}
