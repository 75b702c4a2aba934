package lux.users;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.DuplicateException;
import lux.shared.EmailAddress;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users are created only by admins (no self sign-up); every change is audited. */
@Service
public class UserService {

    private final UserRepository users;

    private final AuditService audit;

    private final Clock clock;

    UserService(UserRepository users, AuditService audit, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public User create(NewUser request, Actor actor) {
        String email = EmailAddress.normalise(request.email());
        if (users.existsByEmail(email)) {
            throw new DuplicateException("email", "A user with the address " + email + " already exists.");
        }
        String name = request.displayName() == null || request.displayName().isBlank() ? email
                : request.displayName().trim();
        if (request.role() == null) {
            throw new InvalidInputException("role", "Choose a role: ADMIN or MARKETER.");
        }
        User user = users.save(new User(email, name, request.passwordHash(), request.role(), clock.instant()));
        audit.record(actor, "user.create", "user", user.getId(), email + " as " + request.role());
        return user;
    }

    @Transactional(readOnly = true)
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(EmailAddress.normaliseLenient(email));
    }

    @Transactional(readOnly = true)
    public Optional<User> findByTeamsIdentity(String aadObjectId) {
        return aadObjectId == null || aadObjectId.isBlank() ? Optional.empty() : users.findByAadObjectId(aadObjectId);
    }

    @Transactional(readOnly = true)
    public User get(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
    }

    /**
     * The user as stored now, if it still exists (sessions and tokens are checked against
     * it on every request).
     */
    @Transactional(readOnly = true)
    public Optional<User> find(long id) {
        return users.findById(id);
    }

    @Transactional(readOnly = true)
    public List<User> list() {
        return users.findAllByOrderByEmailAsc();
    }

    @Transactional(readOnly = true)
    public boolean anyAdmin() {
        return users.existsByRole(Role.ADMIN);
    }

    /**
     * The admin a local-mode (no bot app id) conversation acts as: the first enabled
     * admin, i.e. the bootstrap one.
     */
    @Transactional(readOnly = true)
    public Optional<User> firstAdmin() {
        return users.findFirstByRoleAndEnabledTrueOrderByIdAsc(Role.ADMIN);
    }

    @Transactional
    public User linkTeamsIdentity(long userId, String aadObjectId, Actor actor) {
        if (aadObjectId == null || aadObjectId.isBlank()) {
            throw new InvalidInputException("aadObjectId", "Give the Teams user's AAD object id.");
        }
        String id = aadObjectId.trim().toLowerCase();
        users.findByAadObjectId(id).filter(other -> !other.getId().equals(userId)).ifPresent(other -> {
            throw new DuplicateException("aadObjectId",
                    "That Teams identity is already linked to " + other.getEmail() + ".");
        });
        User user = get(userId);
        user.setAadObjectId(id);
        audit.record(actor, "user.link-teams", "user", userId, id);
        return user;
    }

    @Transactional
    public User unlinkTeamsIdentity(long userId, Actor actor) {
        User user = get(userId);
        user.setAadObjectId(null);
        audit.record(actor, "user.unlink-teams", "user", userId, null);
        return user;
    }

    @Transactional
    public User setEnabled(long userId, boolean enabled, Actor actor) {
        User user = get(userId);
        user.setEnabled(enabled);
        if (!enabled) {
            user.endSessions();
        }
        audit.record(actor, enabled ? "user.enable" : "user.disable", "user", userId, null);
        return user;
    }

    @Transactional
    public User changeRole(long userId, Role role, Actor actor) {
        if (role == null) {
            throw new InvalidInputException("role", "Choose a role: ADMIN or MARKETER.");
        }
        User user = get(userId);
        if (user.getRole() != role) {
            user.endSessions();
        }
        user.setRole(role);
        audit.record(actor, "user.role", "user", userId, role.name());
        return user;
    }

    /**
     * Sets a new password (already hashed by the console) and ends every session the user
     * has.
     */
    @Transactional
    public User changePasswordHash(long userId, String passwordHash, Actor actor) {
        User user = get(userId);
        user.setPasswordHash(passwordHash);
        user.endSessions();
        audit.record(actor, actor.userId() != null && actor.userId() == userId ? "user.password.own" : "user.password",
                "user", userId, "all sessions ended");
        return user;
    }

}
