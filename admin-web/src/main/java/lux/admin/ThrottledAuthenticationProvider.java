package lux.admin;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in that checks the {@link LoginThrottle} first and reports every outcome
 * to it.
 */
class ThrottledAuthenticationProvider extends DaoAuthenticationProvider {

    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        super(encoder);
        setUserDetailsService(users);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String account = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress()
                : "unknown";
        Optional<Duration> wait = throttle.waitBefore(account, address);
        if (wait.isPresent()) {
            throttle.refused(account, address, wait.get());
            throw new LoginThrottledException(wait.get());
        }
        try {
            Authentication result = super.authenticate(authentication);
            throttle.succeeded(account, address);
            return result;
        }
        catch (AuthenticationServiceException e) {
            throw e;
        }
        catch (AuthenticationException e) {
            throttle.failed(account, address, e.getClass().getSimpleName());
            throw e;
        }
    }

    /** Too many failures: the message tells the person how long to wait. */
    static class LoginThrottledException extends AuthenticationException {

        LoginThrottledException(Duration wait) {
            super("Too many failed sign-ins. Wait " + Math.max(1, (wait.toMillis() + 999) / 1000)
                    + " seconds and try again.");
        }

    }

}
