package lux.api;

import java.util.List;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.preferences.Topic;
import lux.preferences.TopicDefinition;
import lux.preferences.TopicService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public topics readers choose in the preference centre (admins only): the whole list
 * is read and replaced at once.
 */
@RestController
@RequestMapping("/api/v1/topics")
class TopicsApi {

    private final TopicService topics;

    TopicsApi(TopicService topics) {
        this.topics = topics;
    }

    @GetMapping
    List<Topic> list() {
        return topics.list();
    }

    /**
     * Body: {@code [{"tag": "news", "label": "Newsletter", "description": "..."}]};
     * answers the topics now public.
     */
    @PutMapping
    List<Topic> replace(@RequestBody List<TopicDefinition> body, @AuthenticationPrincipal ConsoleUser user) {
        return topics.replace(body, user.actor(Channel.API));
    }

}
