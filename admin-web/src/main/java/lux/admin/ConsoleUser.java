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
 * The signed-in person (console session) or API token; {@code userId} is the LUX user
 * actions are recorded against (for a token: the person who owns it).
 * {@code credentialsVersion} is the user's version at sign-in: a session whose version no
 * longer matches the database has ended ({@link LiveAccountFilter}).
 */
public record ConsoleUser(Long userId, String username, String name, String passwordHash, Role role, boolean enabled,
        long credentialsVersion) implements UserDetails {

    private static final String TOKEN = "token:";

    public static ConsoleUser of(User user) {
        return new ConsoleUser(user.getId(), user.getEmail(), user.getDisplayName(), user.getPasswordHash(),
                user.getRole(), user.isEnabled(), user.getCredentialsVersion());
    }

    /**
     * A token acts for this request only, with the role it was granted now (see
     * ApiTokenService#authenticate).
     */
    public static ConsoleUser forToken(long tokenId, String tokenName, Role role, long ownerId) {
        return new ConsoleUser(ownerId, TOKEN + tokenId, "API token \"" + tokenName + "\"", null, role, true, 0);
    }

    public boolean isToken() {
        return username.startsWith(TOKEN);
    }

    public Actor actor(Channel channel) {
        return new Actor(userId, name.equals(username) || isToken() ? name : name + " <" + username + ">", channel);
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
