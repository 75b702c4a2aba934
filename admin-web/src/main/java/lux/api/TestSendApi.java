package lux.api;

import java.util.List;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.delivery.TestSendRequest;
import lux.delivery.TestSendResult;
import lux.delivery.TestSendService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Send me a test" of a campaign or a template: to the caller's own address (for a token,
 * its creator's) or up to five in {@code to}, rendered for {@code contactEmail} or the
 * sample contact. Not tracked, not counted, nothing changes.
 */
@RestController
class TestSendApi {

    private final TestSendService tests;

    TestSendApi(TestSendService tests) {
        this.tests = tests;
    }

    @PostMapping("/api/v1/campaigns/{id}/test")
    TestSendResult campaign(@PathVariable long id, @RequestBody(required = false) TestRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        return tests.sendCampaign(id, request(body), user.actor(Channel.API));
    }

    @PostMapping("/api/v1/templates/{id}/test")
    TestSendResult template(@PathVariable long id, @RequestBody(required = false) TestRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        return tests.sendTemplate(id, request(body), user.actor(Channel.API));
    }

    private static TestSendRequest request(TestRequest body) {
        return body == null ? TestSendRequest.toMe() : new TestSendRequest(body.to(), body.contactEmail());
    }

    record TestRequest(List<String> to, String contactEmail) {
    }

}
