package lux.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import lux.audit.Channel;
import lux.segments.SegmentDefinition;
import lux.segments.SegmentPreview;
import lux.segments.SegmentService;
import lux.segments.SegmentView;
import lux.shared.InvalidInputException;
import lux.shared.LuxException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Segments: the list, a condition builder (segments.js keeps the definition JSON in the
 * form and asks for a live count), save and delete. The definition travels as the same
 * JSON the API takes, so both read it one way.
 */
@Controller
@RequestMapping("/admin/segments")
class SegmentsController {

    static final int SAMPLE = 10;

    private final SegmentService segments;

    private final ObjectMapper json;

    SegmentsController(SegmentService segments, ObjectMapper json) {
        this.segments = segments;
        this.json = json;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("segments", segments.list());
        return "admin/segments";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, null, "", "{\"tags\":{\"anyOf\":[],\"allOf\":[],\"excluded\":[]},\"conditions\":[]}");
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) throws JsonProcessingException {
        SegmentView segment = segments.get(id);
        return form(model, segment.id(), segment.name(), json.writeValueAsString(segment.definition()));
    }

    @PostMapping
    String save(@RequestParam(required = false) Long id, @RequestParam String name, @RequestParam String definition,
            @AuthenticationPrincipal ConsoleUser me, Model model, RedirectAttributes flash) {
        try {
            SegmentDefinition parsed = parse(definition);
            SegmentView saved = id == null ? segments.create(name, parsed, me.actor(Channel.CONSOLE))
                    : segments.update(id, name, parsed, me.actor(Channel.CONSOLE));
            flash.addFlashAttribute("notice", "Segment \"" + saved.name() + "\" saved: " + saved.description() + ".");
            return "redirect:/admin/segments";
        }
        catch (LuxException e) {
            model.addAttribute("error", e.getMessage());
            return form(model, id, name, definition); // what they typed stays
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/segments", () -> {
            String name = segments.get(id).name();
            segments.delete(id, me.actor(Channel.CONSOLE));
            return "Segment \"" + name + "\" deleted.";
        });
    }

    /**
     * The live count and a sample for the builder; an unusable definition answers with
     * the reason to show.
     */
    @PostMapping("/preview")
    @ResponseBody
    ResponseEntity<Object> preview(@RequestParam String definition) {
        try {
            SegmentPreview preview = segments.preview(parse(definition), SAMPLE);
            return ResponseEntity.ok(preview);
        }
        catch (LuxException e) {
            return ResponseEntity.ok(Map.of("error", e.getMessage()));
        }
    }

    private String form(Model model, Long id, String name, String definition) {
        model.addAttribute("segmentId", id);
        model.addAttribute("name", name);
        model.addAttribute("definition", definition);
        return "admin/segment";
    }

    private SegmentDefinition parse(String definition) {
        try {
            return json.readValue(definition, SegmentDefinition.class);
        }
        catch (JsonProcessingException e) {
            throw new InvalidInputException("definition",
                    "The conditions could not be read: " + e.getOriginalMessage());
        }
    }

}
