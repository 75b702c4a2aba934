package lux.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import lux.admin.ConsoleProperties;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.shared.InvalidInputException;
import lux.users.ApiTokenService;
import lux.users.ApiTokenView;
import lux.users.NewApiToken;
import lux.users.Role;
import lux.users.UserService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users and API tokens, for admins only (ApiSecurityConfiguration.ADMIN_API_ROUTES): who
 * may sign in, and who has which token. Users are created and changed in the console,
 * where passwords are set.
 */
@RestController
class AccountsApi {

    private final UserService users;

    private final ApiTokenService tokens;

    private final ConsoleProperties properties;

    AccountsApi(UserService users, ApiTokenService tokens, ConsoleProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.properties = properties;
    }

    @GetMapping("/api/v1/users")
    List<UserResponse> users() {
        return users.list()
            .stream()
            .map(u -> new UserResponse(u.getId(), u.getEmail(), u.getDisplayName(), u.getRole(), u.isEnabled(),
                    u.getAadObjectId() != null))
            .toList();
    }

    @GetMapping("/api/v1/tokens")
    List<ApiTokenView> tokens() {
        return tokens.list();
    }

    /**
     * The secret is in the answer once and never again; the token belongs to
     * {@code owner} (an email), else the caller.
     */
    @PostMapping("/api/v1/tokens")
    ResponseEntity<NewApiToken> createToken(@RequestBody NewTokenRequest body,
            @AuthenticationPrincipal ConsoleUser me) {
        Duration validity = body.expiresInDays() == null ? properties.apiTokenValidity()
                : Duration.ofDays(body.expiresInDays());
        Long ownerId = body.owner() == null ? null : users.findByEmail(body.owner())
            .orElseThrow(() -> new InvalidInputException("owner", "No LUX user has the address " + body.owner() + "."))
            .getId();
        NewApiToken created = tokens.create(body.name(), ownerId, validity, me.actor(Channel.API));
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.token().id())).body(created);
    }

    @PostMapping("/api/v1/tokens/{id}/revoke")
    ApiTokenView revoke(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me) {
        return tokens.revoke(id, me.actor(Channel.API));
    }

    record UserResponse(long id, String email, String displayName, Role role, boolean enabled, boolean teamsLinked) {
    }

    record NewTokenRequest(String name, String owner, Integer expiresInDays) {
    }

}
