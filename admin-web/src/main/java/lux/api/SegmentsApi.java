package lux.api;

import java.net.URI;
import java.util.List;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.segments.SegmentDefinition;
import lux.segments.SegmentPreview;
import lux.segments.SegmentService;
import lux.segments.SegmentView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saved segments (tags plus conditions) and a live count with a sample for any
 * definition.
 */
@RestController
@RequestMapping("/api/v1/segments")
class SegmentsApi {

    private final SegmentService segments;

    SegmentsApi(SegmentService segments) {
        this.segments = segments;
    }

    @GetMapping
    List<SegmentView> list() {
        return segments.list();
    }

    @PostMapping
    ResponseEntity<SegmentView> create(@RequestBody SegmentRequest body, @AuthenticationPrincipal ConsoleUser user) {
        SegmentView created = segments.create(body.name(), body.definition(), user.actor(Channel.API));
        return ResponseEntity.created(URI.create("/api/v1/segments/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    SegmentView get(@PathVariable long id) {
        return segments.get(id);
    }

    @PatchMapping("/{id}")
    SegmentView update(@PathVariable long id, @RequestBody SegmentRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        return segments.update(id, body.name(), body.definition(), user.actor(Channel.API));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        segments.delete(id, user.actor(Channel.API));
        return ResponseEntity.noContent().build();
    }

    /**
     * How many contacts {@code definition} reaches now, with the first {@code sample}
     * (default 10, at most 100).
     */
    @PostMapping("/preview")
    SegmentPreview preview(@RequestBody PreviewRequest body) {
        return segments.preview(body.definition(), body.sample() == null ? 10 : body.sample());
    }

    record SegmentRequest(String name, SegmentDefinition definition) {
    }

    record PreviewRequest(SegmentDefinition definition, Integer sample) {
    }

}
