package lux.teams;

import com.microsoft.bot.schema.Activity;
import java.util.Locale;
import java.util.Optional;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.users.User;
import lux.users.UserService;
import org.springframework.stereotype.Component;

/**
 * Maps the Teams sender (AAD object id) to a LUX user; in local mode everyone acts as the
 * first admin.
 */
@Component
class TeamsIdentity {

    private final UserService users;

    private final BotSettings settings;

    TeamsIdentity(UserService users, BotSettings settings) {
        this.users = users;
        this.settings = settings;
    }

    sealed interface Who permits Known, Unknown, Disabled, NoAdmin {

    }

    record Known(User user) implements Who {
        Actor actor() {
            return new Actor(user.getId(), user.getEmail(), Channel.TEAMS);
        }
    }

    record Unknown(String aadObjectId) implements Who {
    }

    record Disabled(User user) implements Who {
    }

    /** Local mode before any admin exists. */
    record NoAdmin() implements Who {
    }

    Who resolve(Activity activity) {
        if (settings.localMode()) {
            return users.firstAdmin().<Who>map(Known::new).orElseGet(NoAdmin::new);
        }
        String aad = activity.getFrom() == null ? null : activity.getFrom().getAadObjectId();
        if (aad == null || aad.isBlank()) {
            return new Unknown(null);
        }
        Optional<User> user = users.findByTeamsIdentity(aad.trim().toLowerCase(Locale.ROOT));
        if (user.isEmpty()) {
            return new Unknown(aad);
        }
        return user.get().isEnabled() ? new Known(user.get()) : new Disabled(user.get());
    }

}
