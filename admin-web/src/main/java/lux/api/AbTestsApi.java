package lux.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import lux.abtests.AbMetric;
import lux.abtests.AbMode;
import lux.abtests.AbTestService;
import lux.abtests.AbTestView;
import lux.abtests.NewAbTest;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.shared.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A/B tests: create an A/B campaign (or set a test up on a draft), read each variant's
 * numbers with the verdict, pick the winner. Scheduling is the campaign's own
 * {@code /schedule}.
 */
@RestController
class AbTestsApi {

    private final AbTestService abTests;

    AbTestsApi(AbTestService abTests) {
        this.abTests = abTests;
    }

    /** A variant: a subject, and optionally another template's body. */
    record VariantRequest(String subject, Long templateId) {
    }

    /** The test: variants, share in percent, metric, wait in minutes, AUTO or MANUAL. */
    record TestRequest(List<VariantRequest> variants, Integer testPercent, String metric, Integer waitMinutes,
            AbMode mode, Long seed) {

        NewAbTest on(long campaignId) {
            if (variants == null) {
                throw new InvalidInputException("variants", "Give 2 to 4 variants, each with a subject.");
            }
            return new NewAbTest(campaignId,
                    variants.stream().map(v -> new NewAbTest.Variant(v.subject(), v.templateId())).toList(),
                    testPercent == null ? 20 : testPercent, AbMetric.parse(metric),
                    waitMinutes == null ? null : Duration.ofMinutes(waitMinutes), mode, seed);
        }

    }

    /** A new draft campaign and its test together. */
    record AbCampaignRequest(String name, Long templateId, String sender, AudienceFilter audience, Long segmentId,
            TestRequest test) {
    }

    @PostMapping("/api/v1/ab-tests")
    ResponseEntity<AbTestView> create(@RequestBody AbCampaignRequest body, @AuthenticationPrincipal ConsoleUser user) {
        if (body.templateId() == null) {
            throw new InvalidInputException("templateId", "Choose the template the campaign sends (templateId).");
        }
        if (body.test() == null) {
            throw new InvalidInputException("test", "Describe the test: variants, testPercent, metric, waitMinutes.");
        }
        AbTestView created = abTests.create(
                new NewCampaign(body.name(), body.templateId(), body.sender(), body.audience(), body.segmentId()),
                body.test().on(0), user.actor(Channel.API), user.role());
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + created.campaignId() + "/ab-test"))
            .body(created);
    }

    /** Sets up (or replaces) the test of a draft. */
    @PutMapping("/api/v1/campaigns/{id}/ab-test")
    AbTestView setUp(@PathVariable long id, @RequestBody TestRequest body, @AuthenticationPrincipal ConsoleUser user) {
        return abTests.setUp(body.on(id), user.actor(Channel.API));
    }

    /** Each variant's sent, openers, clickers, rate and p-value, and the verdict. */
    @GetMapping("/api/v1/campaigns/{id}/ab-test")
    AbTestView get(@PathVariable long id) {
        return abTests.view(id);
    }

    record WinnerRequest(String variant) {
    }

    /** A person picks the winner ("A" to "D"); it is sent to the rest of the audience. */
    @PostMapping("/api/v1/campaigns/{id}/ab-test/winner")
    AbTestView chooseWinner(@PathVariable long id, @RequestBody WinnerRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        return abTests.chooseWinner(id, body == null ? null : body.variant(), user.actor(Channel.API));
    }

}
