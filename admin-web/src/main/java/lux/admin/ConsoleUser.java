package lux.admin;

import java.util.Collection;
import java.util.List;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.users.Role;
import lux.users.User;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person (console session) or API token; {@code userId} is the LUX user actions are recorded
 * against (for a token: the admin who created it).
 */
public record ConsoleUser(Long userId, String username, String name, String passwordHash, Role role, boolean enabled)
        implements UserDetails {

    static ConsoleUser of(User user) {
        return new ConsoleUser(user.getId(), user.getEmail(), user.getDisplayName(), user.getPasswordHash(), user.getRole(),
                user.isEnabled());
    }

    public static ConsoleUser forToken(long tokenId, String tokenName, Role role, Long createdBy) {
        return new ConsoleUser(createdBy, "token:" + tokenId, "API token \"" + tokenName + "\"", null, role, true);
    }

    public Actor actor(Channel channel) {
        return new Actor(userId, name.equals(username) || username.startsWith("token:") ? name : name + " <" + username + ">",
                channel);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    /** Never serialise the hash into a session store or a log line. */
    @Override
    public String toString() {
        return "ConsoleUser[" + username + ", " + role + "]";
    }
}
