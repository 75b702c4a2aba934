package lux.api;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.journeys.JourneyDrafts;
import lux.journeys.JourneyService;
import lux.journeys.JourneyStats;
import lux.journeys.JourneyStep;
import lux.journeys.JourneyView;
import lux.journeys.NewJourney;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Journeys: create from a trigger and step lines ({@code "tag:trial"}, {@code ["send
 * Welcome", "wait 3 days", "unless clicked", "send Tips"]}), new versions of the steps,
 * pause and resume, and numbers per step.
 */
@RestController
@RequestMapping("/api/v1/journeys")
class JourneysApi {

    private final JourneyService journeys;

    private final JourneyDrafts drafts;

    JourneysApi(JourneyService journeys, JourneyDrafts drafts) {
        this.journeys = journeys;
        this.drafts = drafts;
    }

    @GetMapping
    List<JourneyResponse> list() {
        return journeys.list().stream().map(JourneyResponse::of).toList();
    }

    @PostMapping
    ResponseEntity<JourneyResponse> create(@RequestBody JourneyRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        NewJourney draft = drafts.draft(body.name(), body.trigger(), body.steps(), body.timeZone());
        JourneyView created = journeys.create(draft, user.actor(Channel.API));
        return ResponseEntity.created(URI.create("/api/v1/journeys/" + created.id())).body(JourneyResponse.of(created));
    }

    @GetMapping("/{id}")
    JourneyResponse get(@PathVariable long id) {
        return JourneyResponse.of(journeys.get(id));
    }

    /** New steps: a new version for contacts who enter from now on. */
    @PutMapping("/{id}/steps")
    JourneyResponse edit(@PathVariable long id, @RequestBody StepsRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        JourneyView current = journeys.get(id);
        NewJourney draft = drafts.draft(current.name(), "created", body.steps(), current.timeZone());
        return JourneyResponse.of(journeys.edit(id, draft.steps(), user.actor(Channel.API)));
    }

    @PostMapping("/{id}/pause")
    JourneyResponse pause(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        return JourneyResponse.of(journeys.pause(id, user.actor(Channel.API)));
    }

    @PostMapping("/{id}/resume")
    JourneyResponse resume(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        return JourneyResponse.of(journeys.resume(id, user.actor(Channel.API)));
    }

    @GetMapping("/{id}/stats")
    JourneyStats stats(@PathVariable long id, @RequestParam(required = false) Integer version) {
        return journeys.stats(id, version);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        journeys.delete(id, user.actor(Channel.API));
        return ResponseEntity.noContent().build();
    }

    /**
     * @param trigger tag:&lt;tag&gt;, created, signup or date:&lt;attribute&gt;-&lt;days
     * before&gt;
     * @param steps one step per line: send &lt;template&gt;, wait 3 days, wait until
     * monday 09:00, unless clicked, if opened, tag &lt;tag&gt;, untag &lt;tag&gt;, end
     */
    record JourneyRequest(String name, String trigger, List<String> steps, String timeZone) {
    }

    record StepsRequest(List<String> steps) {
    }

    record StepLine(int number, String kind, String text) {
    }

    record JourneyResponse(long id, String name, String status, int version, String trigger, String timeZone,
            List<StepLine> steps, Instant createdAt, Instant updatedAt) {
        static JourneyResponse of(JourneyView j) {
            List<StepLine> steps = new ArrayList<>();
            for (int i = 0; i < j.steps().size(); i++) {
                JourneyStep s = j.steps().get(i);
                steps.add(new StepLine(i + 1, s.getClass().getSimpleName(), JourneyDrafts.line(s)));
            }
            return new JourneyResponse(j.id(), j.name(), j.status().label(), j.version(), j.trigger().describe(),
                    j.timeZone(), steps, j.createdAt(), j.updatedAt());
        }
    }

}
